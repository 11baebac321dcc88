// `npm run load`: the service and bare Fastify side by side (issue 11). Starts both on free ports, seeds
// the service through its API, runs each scenario with autocannon and prints one table: req/s, p50,
// p99, errors, CPU time per request, the service's peak RSS during the scenario, and the ratio to bare
// Fastify where both serve the route. Options: --duration SECONDS (per scenario, default 5), --connections N (default 50),
// --only NAME,... (scenarios whose names start with these; `ready` and `unknown` run only when named), --profile DIR
// (a V8 CPU profile of the service, written when it stops), --otlp (spans exported over OTLP/HTTP to a local sink, as
// with a collector), --db-process (the embedded server as an `acai mongo` process of its own, as a real MongoDB would
// be: the service's CPU and RSS figures then leave the database out). `npm run load` with the defaults took 96-111 s
// on a 2-core machine, build included (four runs, 2026-12-04): 11 s of build, 16 s of seeding (up to 45 s in a slow
// hour: it is bound by the service's own speed), 11 runs of 5-7 s, and the queues of the two over-capacity
// fixed-rate runs draining.
//
// The service runs as `npm start` does (dist/server.js: build first, `npm run load` does), with embedded
// defaults, request logs, both rate limits and tracing on; OTEL_SDK_DISABLED=true in the environment
// turns tracing off to measure what it costs. OTEL_SDK_DISABLED, OTEL_TRACES_SAMPLER,
// OTEL_TRACES_SAMPLER_ARG and MONGODB_URI (e.g. an `acai mongo` in its own process, so the service's CPU
// figures leave the database out) are passed on to the service.
import autocannon from 'autocannon'
import { parseArgs } from 'node:util'
import { cpuSecondsOf, passedEnvironment, rssOf, rssPeak, startBare, startDatabase, startService, type ServerProcess } from './processes.js'
import { startOtlpSink, type OtlpSink } from './otlp-sink.js'
import { runFixedRate, type FixedRateResult } from './fixed-rate.js'
import { SCENARIOS, seed, type Scenario, type SeededData } from './scenarios.js'

interface Row {
  scenario: string
  server: string
  rps: number
  p50: number
  p99: number
  errors: number
  cpuUsPerRequest: number
  peakRssMb: number
  ratio?: number
}

async function run (server: ServerProcess, scenario: Scenario, data: SeededData | undefined, connections: number, duration: number): Promise<Row> {
  if (data === undefined && scenario.seeded === true) throw new Error(`${scenario.name} needs seeded data`)
  const requests = scenario.requests(data ?? { conversations: [], longConversation: '' })
  const rss = rssPeak(server.pid)
  const cpuBefore = await cpuSecondsOf(server.pid)
  const url = `http://127.0.0.1:${server.port}`
  // A fixed rate goes through the open-loop generator (latency from when each request was due); a
  // saturated scenario through autocannon, as many requests as the server answers.
  const figures = scenario.rate === undefined
    ? fromAutocannon(await autocannon({ url, connections, duration, requests }), scenario)
    : fromFixedRate(await runFixedRate({ url, rate: scenario.rate, durationSeconds: duration, connections, requests }), scenario)
  const cpu = await cpuSecondsOf(server.pid) - cpuBefore
  const peak = await rss.stop()
  return {
    scenario: scenario.name,
    server: server.name,
    ...figures,
    cpuUsPerRequest: cpu / figures.cpuRequests * 1e6,
    peakRssMb: peak / 1024 / 1024
  }
}

// `cpuRequests`: the requests the service's CPU time was spent on (a fixed rate's warm-up included).
interface Figures { rps: number, p50: number, p99: number, errors: number, cpuRequests: number }

// The 404 scenario expects its non-2xx answers; everywhere else one is an error.
function unexpectedNon2xx (scenario: Scenario, non2xx: number): number {
  return scenario.name.includes('404') ? 0 : non2xx
}

function fromAutocannon (result: autocannon.Result, scenario: Scenario): Figures {
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + unexpectedNon2xx(scenario, result.non2xx), cpuRequests: result.requests.total }
}

function fromFixedRate (result: FixedRateResult, scenario: Scenario): Figures {
  const failed = Object.values(result.errors).reduce((sum, n) => sum + n, 0)
  return { rps: result.rps, p50: result.p50, p99: result.p99, errors: failed + unexpectedNon2xx(scenario, result.non2xx), cpuRequests: result.sent }
}

function table (rows: Row[]): string {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU µs/req', 'peak RSS MB', 'vs bare']
  const cells = rows.map((row) => [
    row.scenario,
    row.server,
    Math.round(row.rps).toLocaleString('en-US'),
    row.p50.toFixed(1),
    row.p99.toFixed(1),
    String(row.errors),
    Number.isFinite(row.cpuUsPerRequest) ? row.cpuUsPerRequest.toFixed(0) : '-',
    Number.isFinite(row.peakRssMb) ? row.peakRssMb.toFixed(0) : '-',
    row.ratio === undefined ? '' : `${(row.ratio * 100).toFixed(0)}%`
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]): string => c.map((cell, i) => (i >= 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      only: { type: 'string', default: '' },
      profile: { type: 'string' },
      otlp: { type: 'boolean', default: false },
      'db-process': { type: 'boolean', default: false }
    }
  })
  const duration = Number(values.duration)
  const connections = Number(values.connections)
  const only = values.only.split(',').map((s) => s.trim()).filter((s) => s !== '')
  const scenarios = SCENARIOS.filter((s) => only.length === 0 ? s.optIn !== true : only.some((o) => s.name.startsWith(o)))

  const sink: OtlpSink | undefined = values.otlp ? await startOtlpSink() : undefined
  const database = values['db-process'] ? await startDatabase() : undefined
  const bare = await startBare()
  const service = await startService(
    { ...passedEnvironment(database), ...(sink === undefined ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint }) },
    values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${values.profile}`]
  )
  const rows: Row[] = []
  let databaseRss = Number.NaN
  try {
    const started = performance.now()
    const needsData = scenarios.some((s) => s.seeded === true)
    const data = needsData ? await seed(`http://127.0.0.1:${service.port}`) : undefined
    if (data !== undefined) process.stdout.write(`seeded 201 conversations (10,999 messages) through the API in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    for (const scenario of scenarios) {
      process.stdout.write(`running ${scenario.name} ...\n`)
      const bareRow = scenario.bare === true ? await run(bare, scenario, data, connections, duration) : undefined
      const row = await run(service, scenario, data, connections, duration)
      if (bareRow !== undefined) {
        row.ratio = row.rps / bareRow.rps
        rows.push(bareRow)
      }
      rows.push(row)
    }
    if (database !== undefined) databaseRss = await rssOf(database.pid)
  } finally {
    await Promise.allSettled([bare.stop(), service.stop()])
    await Promise.allSettled([sink?.stop(), database?.stop()])
  }
  process.stdout.write(`\n${table(rows)}\n`)
  const tracing = process.env.OTEL_SDK_DISABLED === 'true'
    ? 'off'
    : `on (sampler ${process.env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on'}${process.env.OTEL_TRACES_SAMPLER_ARG === undefined ? '' : ` ${process.env.OTEL_TRACES_SAMPLER_ARG}`}, ${sink === undefined ? 'nothing exported' : 'exported over OTLP'})`
  process.stdout.write(`\n${connections} connections, ${duration} s per scenario (fixed rates: open loop after 2 s of warm-up, latency from when each request was due), tracing ${tracing}, Node ${process.version}\n`)
  if (database !== undefined) {
    process.stdout.write(`the database ran as an acai mongo process of its own (MONGODB_URI); its RSS at the end: ${(databaseRss / 2 ** 20).toFixed(0)} MB, not in the service's column\n`)
  }
  if (sink !== undefined) {
    const { exports, bytes } = sink.received()
    process.stdout.write(`the OTLP sink received ${exports} exports, ${(bytes / 1024 / 1024).toFixed(1)} MB\n`)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`load failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
  process.exitCode = 1
})
