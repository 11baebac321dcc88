// The weather path's own costs. (1) The circuit breaker's overhead per call: cockatiel's consecutive
// breaker (lib/resilience) around a function that answers at once, minus the same call without it; the
// checklist's target is under 1 µs. (2) A cached get_weather call, as the reply loop runs it (registry:
// JSON arguments, schema check, tool, cache hits in the in-process store, report): target under 1 ms
// median. The upstream is an undici MockAgent that answers the one warm-up lookup; the bench fails if any
// measured call reached it. Run alone with `npx tsx bench/weather.bench.ts`.

import { pathToFileURL } from 'node:url'
import { MockAgent } from 'undici'
import { builtinTools, createAssistant, createGetWeather, createOfflineProvider, createToolRegistry, preloadPlaces } from '../lib/assistant/index.js'
import { createMemoryKv } from '../lib/kv/memory-kv.js'
import { createCircuitBreaker, createResiliencePolicy } from '../lib/resilience/index.js'
import { createWeatherService } from '../lib/weather/index.js'
import { median, percentile, printFigures, type BenchFigure, sample } from './index.js'

const BATCHES = 40
const CALLS_PER_BATCH = 25_000
const TOOL_WARMUP = 500
const TOOL_CALLS = 5000

/** Microseconds per call of `run`, one figure per batch. */
async function perCall (run: () => Promise<unknown>, batches = BATCHES, calls = CALLS_PER_BATCH): Promise<number[]> {
  const figures: number[] = []
  for (let batch = 0; batch < batches; batch++) {
    const started = performance.now()
    for (let index = 0; index < calls; index++) await run()
    figures.push(((performance.now() - started) * 1000) / calls)
  }
  return figures
}

function fakeOpenMeteo (): { agent: MockAgent, calls: () => number } {
  const agent = new MockAgent()
  agent.disableNetConnect()
  let calls = 0
  const json = { headers: { 'content-type': 'application/json' } }
  agent.get('https://geocoding-api.open-meteo.com').intercept({ path: (path) => path.startsWith('/v1/search?') }).reply(() => {
    calls++
    return { statusCode: 200, data: JSON.stringify({ results: [{ name: 'Barcelona', latitude: 41.38879, longitude: 2.15899, country: 'Spain', country_code: 'ES', admin1: 'Catalonia', timezone: 'Europe/Madrid' }] }), responseOptions: json }
  }).persist()
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date())
  const dates = Array.from({ length: 7 }, (_, index) => new Date(Date.parse(`${today}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10))
  agent.get('https://api.open-meteo.com').intercept({ path: (path) => path.startsWith('/v1/forecast?') }).reply(() => {
    calls++
    return {
      statusCode: 200,
      data: JSON.stringify({
        timezone: 'Europe/Madrid',
        current: { time: `${today}T12:00`, temperature_2m: 17.3, apparent_temperature: 16.1, relative_humidity_2m: 71, wind_speed_10m: 12.5, precipitation: 0, weather_code: 1 },
        daily: {
          time: dates,
          temperature_2m_min: dates.map((_, index) => 8 + index),
          temperature_2m_max: dates.map((_, index) => 18 + index),
          precipitation_probability_max: dates.map((_, index) => index * 10),
          precipitation_sum: dates.map(() => 0),
          wind_speed_10m_max: dates.map(() => 20),
          weather_code: dates.map((_, index) => [0, 2, 3, 61, 63, 80, 95][index] ?? 0)
        }
      }),
      responseOptions: json
    }
  }).persist()
  return { agent, calls: () => calls }
}

export default async function weatherBench (): Promise<void> {
  const figures: BenchFigure[] = []

  // (1) circuit breaker overhead
  const answer = async (): Promise<number> => 1
  const breaker = createCircuitBreaker({ threshold: 5, halfOpenAfterMs: 30_000 })
  await perCall(answer)
  await perCall(() => breaker.execute(answer))
  const bare = await perCall(answer)
  const guarded = await perCall(() => breaker.execute(answer))
  const overheads = guarded.map((value, index) => value - (bare[index] ?? 0))
  figures.push({ name: 'async call, no policy', value: median(bare), unit: 'µs/call' })
  figures.push({ name: 'same call through the closed circuit breaker', value: median(guarded), unit: 'µs/call' })
  figures.push({ name: 'circuit breaker overhead per call, median', value: median(overheads), unit: 'µs', target: { label: '< 1 µs', met: (value) => value < 1 } })

  const open = createCircuitBreaker({ threshold: 1, halfOpenAfterMs: 3_600_000 })
  await open.execute(() => Promise.reject(new Error('down'))).catch(() => {})
  const refused = await perCall(() => open.execute(answer).catch(() => {}), 10, 10_000)
  figures.push({ name: 'call refused by an open circuit (no upstream request)', value: median(refused), unit: 'µs/call' })

  const policy = createResiliencePolicy({ timeoutMs: 3000, maxRetries: 2, threshold: 5, halfOpenAfterMs: 30_000 })
  const full = await perCall(() => policy.execute(answer), 10, 10_000)
  figures.push({ name: 'whole policy (deadline + retry + breaker) per call', value: median(full), unit: 'µs/call' })

  // (2) a cached get_weather call
  const upstream = fakeOpenMeteo()
  const service = createWeatherService({
    timeoutMs: 3000,
    breakerThreshold: 5,
    halfOpenAfterMs: 30_000,
    dispatcher: upstream.agent,
    store: createMemoryKv(),
    userAgent: 'acai-assistant/bench'
  })
  const clock = (): Date => new Date()
  const registry = createToolRegistry([createGetWeather(service.client)], { clock })
  const call = { id: 'bench', name: 'get_weather', arguments: JSON.stringify({ location: 'Barcelona', days: 2 }) }
  const signal = new AbortController().signal
  const warm = await registry.execute(call, signal)
  if (!warm.result.ok) throw new Error(`the warm-up lookup failed: ${warm.result.error}`)
  const warmCalls = upstream.calls()
  await sample(() => registry.execute(call, signal), TOOL_WARMUP)
  const cached = await sample(() => registry.execute(call, signal), TOOL_CALLS)
  figures.push({ name: 'cached get_weather call (registry + tool + cache), median', value: median(cached), unit: 'ms', target: { label: '< 1 ms', met: (value) => value < 1 } })
  figures.push({ name: 'cached get_weather call, p95', value: percentile(cached, 95), unit: 'ms' })

  preloadPlaces()
  const assistant = createAssistant({ provider: createOfflineProvider({ clock }), tools: [...builtinTools(), createGetWeather(service.client)], clock })
  const ask = (): Promise<unknown> => assistant.reply({ message: 'weather in Barcelona tomorrow' })
  await sample(ask, TOOL_WARMUP)
  const replies = await sample(ask, TOOL_CALLS)
  figures.push({ name: 'offline reply "weather in Barcelona tomorrow", cached, median', value: median(replies), unit: 'ms', target: { label: '< 1 ms', met: (value) => value < 1 } })
  if (upstream.calls() !== warmCalls) throw new Error(`measured calls reached the upstream (${upstream.calls() - warmCalls} requests)`)
  await service.close()
  await upstream.agent.close()

  printFigures(`weather: breaker ${BATCHES} x ${CALLS_PER_BATCH.toLocaleString('en-US')} calls; ${TOOL_CALLS.toLocaleString('en-US')} cached lookups after ${TOOL_WARMUP} warm-up (upstream requests: ${warmCalls}, all during warm-up)`, figures)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  weatherBench().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
