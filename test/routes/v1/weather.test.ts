// The weather tool end to end: questions to POST /v1/conversations answered by the offline assistant,
// get_weather, the weather client and a fake Open-Meteo on an undici MockAgent (no network; any request it
// does not expect fails). Each test counts upstream requests and reads /metrics; timeouts and the
// half-open delay are made small through configuration.

import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { MockAgent } from 'undici'
import { build, TEST_API_KEY } from '../../helper.js'
import { auth, type TurnBody } from './chat-fixtures.js'
import { CURRENT_TEMPERATURE, expectedDay, fakeWeatherUpstream, WORLD, type FakePlace } from '../../support/weather-upstream.js'

const clock = (): Date => new Date('2026-11-25T13:05:09Z')

function place (name: string): FakePlace {
  const found = WORLD.find((candidate) => candidate.name === name)
  if (found === undefined) throw new Error(`no ${name} in the fake world`)
  return found
}

async function ask (app: FastifyInstance, message: string): Promise<TurnBody['reply']> {
  const res = await app.inject({ method: 'POST', url: '/v1/conversations', headers: auth, payload: { message } })
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`)
  return (res.json() as TurnBody).reply
}

async function metric (app: FastifyInstance, series: string): Promise<number | undefined> {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY } })
  const line = res.body.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const GAUGE = 'circuit_breaker_state{breaker="weather"}'
const cacheSeries = (cache: string, result: string): string => `cache_requests_total{cache="${cache}",result="${result}"}`

function capture (): { stream: Writable, raw: () => string, lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString())
      callback()
    }
  })
  const raw = (): string => chunks.join('')
  return { stream, raw, lines: () => raw().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>) }
}

test('weather questions against a fake Open-Meteo', async (t) => {
  const upstream = fakeWeatherUpstream()
  t.teardown(() => upstream.agent.close())
  const app = await build(t, { WEATHER_TIMEOUT_MS: '400' }, { app: { weather: { dispatcher: upstream.agent, clock } } })

  await t.test('a second identical question makes no upstream call', async (t) => {
    const barcelona = place('Barcelona')
    const tomorrow = expectedDay(barcelona, 1)
    const first = await ask(app, 'weather in Barcelona tomorrow')
    t.same(first.toolCalls, [{ name: 'get_weather', ok: true }])
    t.match(first.content, 'Barcelona (Spain)')
    t.match(first.content, `${Math.round(tomorrow.min)}–${Math.round(tomorrow.max)}°C`, 'tomorrow\'s range from the forecast')
    t.match(first.content, 'partly cloudy', 'tomorrow\'s WMO code 2 in words')
    t.equal(upstream.calls.geocoding.length, 1)
    t.equal(upstream.calls.forecast.length, 1)
    t.match(upstream.calls.geocoding[0], /name=Barcelona&/, 'the place goes in the query string')

    const second = await ask(app, 'weather in Barcelona tomorrow')
    t.equal(second.content, first.content, 'the same answer')
    t.equal(upstream.total(), 2, 'no upstream request for the repeated question')
    const other = await ask(app, 'forecast for  BARCELONA for the next 3 days')
    t.equal(upstream.total(), 2, 'another wording of the same place is served from the cache too')
    t.match(other.content, `${Math.round(expectedDay(barcelona, 2).min)}–${Math.round(expectedDay(barcelona, 2).max)}°C`)

    t.equal(await metric(app, cacheSeries('weather_geocoding', 'miss')), 1)
    t.equal(await metric(app, cacheSeries('weather_geocoding', 'hit')), 2)
    t.equal(await metric(app, cacheSeries('weather_forecast', 'miss')), 1)
    t.equal(await metric(app, cacheSeries('weather_forecast', 'hit')), 2)
    t.equal(await metric(app, GAUGE), 0, 'the circuit is closed')
  })

  await t.test('a 503 then a 200 is retried and the answer has the forecast', async (t) => {
    const before = upstream.calls.forecast.length
    upstream.script.forecast.push({ status: 503 })
    const reply = await ask(app, '¿qué tiempo hace en Sevilla?')
    t.equal(upstream.calls.forecast.length - before, 2, 'one failed request, one retry')
    t.same(reply.toolCalls, [{ name: 'get_weather', ok: true }])
    t.match(reply.content, 'El tiempo en Sevilla (España)')
    t.match(reply.content, `${Math.round(CURRENT_TEMPERATURE)} °C`, 'the current temperature')
    t.match(reply.content, 'mayormente despejado', 'current WMO code 1, in Spanish')
  })

  await t.test('a 429 whose Retry-After outlasts the deadline is not waited for', async (t) => {
    const before = upstream.calls.geocoding.length
    upstream.script.geocoding.push({ status: 429, headers: { 'retry-after': '30' } })
    const started = performance.now()
    const reply = await ask(app, 'weather in Lisbon')
    t.ok(performance.now() - started < 1000, 'answered at once')
    t.equal(upstream.calls.geocoding.length - before, 1, 'no retry before the 30 s asked for')
    t.match(reply.content, 'The weather for Lisbon is unavailable right now (the weather service answered with an error)')
  })

  await t.test('a 429 with Retry-After: 0 is retried at once; a weekend question gets Saturday and Sunday', async (t) => {
    const before = upstream.calls.geocoding.length
    upstream.script.geocoding.push({ status: 429, headers: { 'retry-after': '0' } })
    const reply = await ask(app, 'will it rain in Paris this weekend')
    t.equal(upstream.calls.geocoding.length - before, 2)
    const paris = place('Paris')
    // 2026-11-28 and 29 are the weekend: days 3 and 4 of the forecast, and only those.
    t.match(reply.content, 'Paris (France)')
    t.match(reply.content, `${expectedDay(paris, 3).rain}% chance of rain`)
    t.match(reply.content, `${expectedDay(paris, 4).rain}% chance of rain`)
    t.notMatch(reply.content, 'Today')
    t.notMatch(reply.content, 'Tomorrow')
  })

  await t.test('an unknown city is answered as not found, not as an error', async (t) => {
    const before = upstream.total()
    const reply = await ask(app, 'weather in Atlantis')
    t.same(reply.toolCalls, [{ name: 'get_weather', ok: false }])
    t.match(reply.content, 'I couldn\'t find a place called “Atlantis”')
    t.notMatch(reply.content, /°|unavailable/)
    t.equal(upstream.total() - before, 1, 'one geocoding request, no forecast')
    await ask(app, 'what is the weather in atlantis?')
    t.equal(upstream.total() - before, 1, '"not found" is cached too')
  })

  await t.test('malformed upstream JSON is a clean "unavailable", never a guess', async (t) => {
    const before = upstream.calls.forecast.length
    upstream.script.forecast.push({ status: 200, body: '{"daily": {"time": [' })
    const reply = await ask(app, 'weather in Berlin')
    t.same(reply.toolCalls, [{ name: 'get_weather', ok: false }])
    t.match(reply.content, 'The weather for Berlin is unavailable right now')
    t.match(reply.content, 'could not be read')
    t.notMatch(reply.content, /°|\d+%/, 'no temperature, no chance of rain')
    t.equal(upstream.calls.forecast.length - before, 1, 'an unreadable answer is not retried')
    const again = await ask(app, 'weather in Berlin')
    t.same(again.toolCalls, [{ name: 'get_weather', ok: true }], 'nothing of the bad answer was cached')
  })

  await t.test('a hanging upstream is cut at the timeout', async (t) => {
    const started = performance.now()
    const reply = await ask(app, 'weather in Reykjavik')
    const elapsed = performance.now() - started
    t.ok(elapsed >= 390 && elapsed < 2500, `answered after ${Math.round(elapsed)} ms (WEATHER_TIMEOUT_MS=400)`)
    t.match(reply.content, 'The weather for Reykjavik is unavailable right now (the weather service did not answer in time)')
    t.notMatch(reply.content, /°/)
  })
})

test('five failures open the circuit; while open nothing is called; one probe after the delay closes it', async (t) => {
  const upstream = fakeWeatherUpstream()
  t.teardown(() => upstream.agent.close())
  const log = capture()
  const app = await build(t, { LOG_LEVEL: 'info', WEATHER_BREAKER_THRESHOLD: '5', WEATHER_BREAKER_HALF_OPEN_MS: '300' }, {
    logStream: log.stream,
    app: { weather: { dispatcher: upstream.agent, clock } }
  })
  for (let i = 0; i < 5; i++) upstream.script.forecast.push({ status: 503 })

  const first = await ask(app, 'weather in Oslo')
  t.match(first.content, 'The weather for Oslo is unavailable right now')
  t.equal(upstream.calls.forecast.length, 3, 'the first question: three attempts')
  t.equal(await metric(app, GAUGE), 0, 'three failures: still closed')

  const second = await ask(app, 'weather in Oslo')
  t.equal(upstream.calls.forecast.length, 5, 'the fifth failed request opened the circuit and the retry stopped')
  t.match(second.content, 'unavailable right now')
  t.equal(await metric(app, GAUGE), 2, 'circuit_breaker_state 2 = open')

  const total = upstream.total()
  const third = await ask(app, 'weather in Oslo')
  const elsewhere = await ask(app, 'weather in Lisbon')
  t.equal(upstream.total(), total, 'an open circuit makes no upstream request, geocoding included')
  for (const reply of [third, elsewhere]) {
    t.match(reply.content, 'unavailable right now (the weather service has been failing, so calls to it are paused for a moment)')
    t.notMatch(reply.content, /°/)
    t.same(reply.toolCalls, [{ name: 'get_weather', ok: false }])
  }
  const opened = log.lines().filter((line) => line.msg === 'circuit opened: weather calls are refused until a probe succeeds')
  t.equal(opened.length, 1, 'the state change is logged once')
  t.match(opened[0], { level: 40, breaker: 'weather', state: 'open', err: 'Open-Meteo forecast answered HTTP 503' })

  await sleep(350)
  const recovered = await ask(app, 'weather in Oslo')
  t.same(recovered.toolCalls, [{ name: 'get_weather', ok: true }], 'the probe went through')
  t.match(recovered.content, `${Math.round(CURRENT_TEMPERATURE)}°C`)
  t.equal(upstream.calls.forecast.length, 6, 'one probe request')
  t.equal(await metric(app, GAUGE), 0, 'closed again')
  const states = log.lines().filter((line) => line.breaker === 'weather').map((line) => line.state)
  t.same(states, ['open', 'half-open', 'closed'])
})

test('the WeatherAPI.com key goes only to its HTTPS endpoint and never into a log line', async (t) => {
  const key = 'wapi-secret-3f9c2a7d41b8'
  const agent = new MockAgent()
  agent.disableNetConnect()
  t.teardown(() => agent.close())
  const origin = agent.get('https://weather.example.test')
  const seen: string[] = []
  const json = { headers: { 'content-type': 'application/json' } }
  const lisbon = place('Lisbon')
  const forecast = {
    location: { name: 'Lisbon', tz_id: 'Europe/Lisbon' },
    current: { temp_c: 15.2, condition: { text: 'Sunny', code: 1000 }, humidity: 60, wind_kph: 9, last_updated: '2026-11-25 13:00' },
    forecast: { forecastday: [{ date: '2026-11-25', day: { mintemp_c: 11, maxtemp_c: 18, daily_chance_of_rain: 10, condition: { text: 'Sunny', code: 1000 } } }] }
  }
  const answers: Array<{ statusCode: number, data: string }> = [
    { statusCode: 200, data: JSON.stringify([{ name: 'Lisbon', region: 'Lisboa', country: 'Portugal', lat: lisbon.latitude, lon: lisbon.longitude }]) },
    { statusCode: 200, data: JSON.stringify(forecast) },
    { statusCode: 401, data: '{"error":{"code":2006,"message":"API key is invalid."}}' },
    { statusCode: 200, data: 'not json at all' },
    { statusCode: 200, data: '[]' }
  ]
  origin.intercept({ path: (path) => path.startsWith('/v1/') }).reply((request) => {
    seen.push(request.path)
    return { ...(answers.shift() ?? { statusCode: 500, data: '' }), responseOptions: json }
  }).persist()
  const log = capture()
  const app = await build(t, { LOG_LEVEL: 'trace', WEATHER_API_KEY: key, WEATHER_BASE_URL: 'https://weather.example.test/v1', WEATHER_BREAKER_THRESHOLD: '100' }, {
    logStream: log.stream,
    app: { weather: { dispatcher: agent, clock } }
  })
  t.equal(app.weather.providerName, 'weatherapi')

  const sunny = await ask(app, 'weather in Lisbon')
  t.match(sunny.content, 'Lisbon (Portugal)')
  t.match(sunny.content, '11–18°C, clear sky, 10% chance of rain', 'WeatherAPI.com code 1000 read as clear sky')
  t.match(seen[0], /^\/v1\/search\.json\?key=wapi-secret-3f9c2a7d41b8&q=Lisbon$/)
  t.match(seen[1], /^\/v1\/forecast\.json\?key=wapi-secret-3f9c2a7d41b8&q=38\.71667%2C-9\.13333&days=7/)
  t.match((await ask(app, 'weather in Oslo')).content, 'unavailable right now', 'a refused key is "unavailable"')
  t.match((await ask(app, 'weather in Porto')).content, 'unavailable right now', 'malformed JSON')
  t.match((await ask(app, 'weather in Narnia')).content, 'I couldn\'t find a place called “Narnia”')
  t.match((await ask(app, 'weather in Madrid')).content, 'unavailable right now', '500s, retried')
  t.ok(seen.length >= 7)

  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY } })
  await app.close()
  t.ok(log.lines().length > 20, 'the log was written (trace level)')
  t.match(log.raw(), 'weather lookup failed', 'the refused key is logged as an error')
  t.notOk(log.raw().includes(key), 'the key appears in no log line')
  t.notOk(metrics.body.includes(key), 'nor in /metrics')
})

test('a WeatherAPI.com key with a plain-HTTP base URL stops start-up', async (t) => {
  const key = 'wapi-secret-never-in-clear'
  const error = await build(t, { WEATHER_API_KEY: key, WEATHER_BASE_URL: 'http://weather.example.test/v1' }).catch((err: unknown) => err)
  t.ok(error instanceof Error)
  t.match((error as Error).message, /WEATHER_BASE_URL must be an https:\/\/ URL when WEATHER_API_KEY is set/)
  t.notOk((error as Error).message.includes(key))
})
