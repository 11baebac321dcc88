// `npm run soak`: the `mixed` scenario at a fixed rate for a long run (10 minutes by default), sampling the
// service's RSS (from /proc) and V8 heap (its own /metrics) every 10 s, then printing the samples and the
// growth from minute 2 (after warm-up) to the end: the median of the minute after warm-up against the
// median of the last minute. Target (issue 11): growth under 10%, no errors. Options: --minutes N,
// --rate N (req/s, default 200), --interval SECONDS (default 10), --db-process (the embedded server as an
// `acai mongo` process of its own: the stored data is then not in the service's RSS, which tells a leak
// from data). Exits 1 when a request failed. Builds first, as `npm start` runs the compiled service.
// MONGODB_URI and the OTEL_* switches are passed on to the service, as `npm run load` does.
// The load is open-loop (bench/load/fixed-rate.ts): requests leave on schedule whatever the service is
// doing, so a rate above what it can serve shows as growing latency and timeouts, not as a slower client.
import { parseArgs } from 'node:util'
import { median } from '../index.js'
import { runFixedRate } from './fixed-rate.js'
import { LOAD_API_KEY, passedEnvironment, rssOf, startDatabase, startService } from './processes.js'
import { mixedRequest, seed } from './scenarios.js'

interface Sample { seconds: number, rssMb: number, heapMb: number, databaseRssMb: number }

async function heapUsed (port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { 'x-api-key': LOAD_API_KEY } })
  const text = await res.text()
  const value = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)/m.exec(text)?.[1]
  return value === undefined ? Number.NaN : Number(value)
}

// Each end is the median of a window of samples: a single sample lands anywhere on the heap's saw-tooth
// between major collections (one 10-minute run read heap +14% from its two end samples, +6% by medians).
function growth (samples: Sample[], warmupSeconds: number, windowSeconds: number, field: 'rssMb' | 'heapMb' | 'databaseRssMb'): number {
  const end = samples.at(-1)?.seconds ?? 0
  const from = median(samples.filter((sample) => sample.seconds >= warmupSeconds && sample.seconds < warmupSeconds + windowSeconds).map((sample) => sample[field]))
  const to = median(samples.filter((sample) => sample.seconds > end - windowSeconds).map((sample) => sample[field]))
  return (to - from) / from
}

// A non-2xx figure alone does not say whether it was load shedding (503), the limits (429) or a bug (500).
function counts (byKind: Record<string, number>): string {
  return Object.entries(byKind).map(([kind, count]) => `${kind}: ${count}`).join(', ') || 'none'
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '200' },
      interval: { type: 'string', default: '10' },
      'db-process': { type: 'boolean', default: false }
    }
  })
  const seconds = Math.round(Number(values.minutes) * 60)
  const rate = Number(values.rate)
  const interval = Number(values.interval) * 1000
  if (!(seconds > 0) || !(rate > 0) || !(interval > 0)) throw new Error('--minutes, --rate and --interval must be positive numbers')

  // As with `npm run load`: MONGODB_URI (an `acai mongo` of its own, say, so the stored data stays out of
  // the service's RSS) and the tracing switches reach the service.
  const database = values['db-process'] ? await startDatabase() : undefined
  const service = await startService(passedEnvironment(database))
    .catch(async (err: unknown) => { await database?.stop(); throw err })
  const samples: Sample[] = []
  try {
    const data = await seed(`http://127.0.0.1:${service.port}`)
    process.stdout.write(`seeded; running mixed at ${rate} req/s for ${seconds} s, sampling every ${interval / 1000} s\n`)
    const started = performance.now()
    const sampleNow = async (): Promise<void> => {
      const [rss, heap, databaseRss] = await Promise.all([rssOf(service.pid), heapUsed(service.port), database === undefined ? Number.NaN : rssOf(database.pid)])
      const sample = { seconds: Math.round((performance.now() - started) / 1000), rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20, databaseRssMb: databaseRss / 2 ** 20 }
      samples.push(sample)
      const databaseColumn = database === undefined ? '' : `  database RSS ${sample.databaseRssMb.toFixed(0).padStart(4)} MB`
      process.stdout.write(`${String(sample.seconds).padStart(5)} s  RSS ${sample.rssMb.toFixed(0).padStart(4)} MB  heap ${sample.heapMb.toFixed(0).padStart(4)} MB${databaseColumn}\n`)
    }
    const timer = setInterval(() => { sampleNow().catch(() => {}) }, interval)
    let result
    try {
      result = await runFixedRate({
        url: `http://127.0.0.1:${service.port}`,
        connections: Math.max(10, Math.ceil(rate / 20)),
        durationSeconds: seconds,
        rate,
        requests: [mixedRequest(data)]
      })
    } finally {
      clearInterval(timer)
    }
    await sampleNow()

    const failed = Object.values(result.errors).reduce((sum, n) => sum + n, 0)
    const errors = failed + result.non2xx
    // Growth is measured from minute 2 (or a fifth of a shorter run): start-up and the first caches are not leaks.
    const warmup = Math.min(120, seconds / 5)
    const window = Math.min(60, seconds / 5)
    const rssGrowth = growth(samples, warmup, window, 'rssMb')
    const heapGrowth = growth(samples, warmup, window, 'heapMb')
    const peak = Math.max(...samples.map((sample) => sample.rssMb))
    process.stdout.write([
      '',
      `requests ${result.total.toLocaleString('en-US')} at ${result.rps.toFixed(0)} req/s, errors ${errors} (no answer ${failed}, non-2xx ${result.non2xx}), p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(0)} ms`,
      `non-2xx status codes: ${counts(result.statuses)}; requests without an answer: ${counts(result.errors)}`,
      `growth from ${warmup} s to the end (median of the ${window} s after warm-up against median of the last ${window} s):`,
      `RSS ${(rssGrowth * 100).toFixed(1)}% (target < 10%: ${rssGrowth < 0.1 ? 'PASS' : 'MISS'}); peak ${peak.toFixed(0)} MB`,
      `heap ${(heapGrowth * 100).toFixed(1)}%`,
      ...(database === undefined ? [] : [`database process (acai mongo, holding the stored data): RSS ${(growth(samples, warmup, window, 'databaseRssMb') * 100).toFixed(1)}%, last ${samples.at(-1)?.databaseRssMb.toFixed(0) ?? '?'} MB`]),
      ''
    ].join('\n'))
    if (errors > 0) process.exitCode = 1
  } finally {
    await service.stop()
    await database?.stop()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
  process.exitCode = 1
})
