// The two providers against an undici MockAgent: the requests they send (encoded names, metric units,
// the key only over HTTPS) and how they read answers, missing values and failures. The agent's own
// timeouts and keep-alive are checked against a server on the loopback interface.

import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { test } from 'tap'
import { MockAgent } from 'undici'
import { isNetworkError, UpstreamResponseError, UpstreamStatusError } from '../../../lib/resilience/index.js'
import { createOpenMeteoProvider, createWeatherApiProvider, createWeatherDispatcher, type Place } from '../../../lib/weather/index.js'
import { listenOnLoopback } from '../../free-port.js'

interface Teardown { teardown (fn: () => unknown): void }

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } }
const USER_AGENT = 'acai-assistant/test'
const signal = new AbortController().signal
const now = (): number => Date.parse('2026-11-25T13:00:00Z')

function mockAgent (t: Teardown): MockAgent {
  const agent = new MockAgent()
  agent.disableNetConnect()
  t.teardown(() => agent.close())
  return agent
}

const SAO_PAULO: Place = { name: 'São Paulo', latitude: -23.5475, longitude: -46.63611, timeZone: 'America/Sao_Paulo' }

test('Open-Meteo: the name is URL-encoded and the answer read into places', async (t) => {
  const agent = mockAgent(t)
  const paths: string[] = []
  agent.get('https://geo.example.test').intercept({ path: (path) => path.startsWith('/om/v1/search?') }).reply((request) => {
    paths.push(request.path)
    return {
      statusCode: 200,
      data: JSON.stringify({ results: [{ name: 'São Paulo', latitude: -23.5475, longitude: -46.63611, country_code: 'br', country: 'Brazil', admin1: 'São Paulo', timezone: 'America/Sao_Paulo', population: 10021295 }] }),
      responseOptions: JSON_HEADERS
    }
  })
  const provider = createOpenMeteoProvider({ dispatcher: agent, geocodingBaseUrl: 'https://geo.example.test/om', userAgent: USER_AGENT })
  const places = await provider.geocode('São Paulo & co?', 'pt', signal)
  t.same(places, [{ name: 'São Paulo', latitude: -23.5475, longitude: -46.63611, region: 'São Paulo', country: 'Brazil', countryCode: 'BR', timeZone: 'America/Sao_Paulo' }])
  const query = new URL(paths[0] ?? '', 'https://x').searchParams
  t.equal(query.get('name'), 'São Paulo & co?', 'the whole name arrives, & and ? included')
  t.match(paths[0], /name=S%C3%A3o\+Paulo\+%26\+co%3F&count=10&language=pt&format=json/)
})

test('Open-Meteo: the forecast asks for metric units and 7 days; nulls stay missing', async (t) => {
  const agent = mockAgent(t)
  let path = ''
  agent.get('https://api.open-meteo.com').intercept({ path: (candidate) => candidate.startsWith('/v1/forecast?') }).reply((request) => {
    path = request.path
    return {
      statusCode: 200,
      data: JSON.stringify({
        timezone: 'America/Sao_Paulo',
        current: { time: '2026-11-25T10:00', temperature_2m: 24.1, apparent_temperature: null, relative_humidity_2m: 70, weather_code: 2 },
        daily: { time: ['2026-11-25', '2026-11-26'], temperature_2m_min: [18, null], temperature_2m_max: [27.5, 29], weather_code: [2, null] }
      }),
      responseOptions: JSON_HEADERS
    }
  })
  const forecast = await createOpenMeteoProvider({ dispatcher: agent, userAgent: USER_AGENT }).forecast(SAO_PAULO, signal)
  const query = new URL(path, 'https://x').searchParams
  t.match(Object.fromEntries(query), {
    latitude: '-23.5475',
    longitude: '-46.63611',
    timezone: 'America/Sao_Paulo',
    forecast_days: '7',
    temperature_unit: 'celsius',
    wind_speed_unit: 'kmh',
    precipitation_unit: 'mm'
  })
  t.same(forecast, {
    timeZone: 'America/Sao_Paulo',
    current: { temperature: 24.1, time: '2026-11-25T10:00', humidity: 70, code: 2 },
    daily: [{ date: '2026-11-25', min: 18, max: 27.5, code: 2 }, { date: '2026-11-26', max: 29 }]
  })
})

test('Open-Meteo: wrong shapes, malformed JSON, error statuses and network errors are told apart', async (t) => {
  const agent = mockAgent(t)
  const origin = agent.get('https://api.open-meteo.com')
  const forecastPath = (path: string): boolean => path.startsWith('/v1/forecast?')
  origin.intercept({ path: forecastPath }).reply(200, { daily: { time: 'not a list' } }, JSON_HEADERS)
  origin.intercept({ path: forecastPath }).reply(200, '{"daily": ', JSON_HEADERS)
  origin.intercept({ path: forecastPath }).reply(503, 'busy', { headers: { 'retry-after': 'Wed, 25 Nov 2026 13:00:02 GMT' } })
  origin.intercept({ path: forecastPath }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
  const provider = createOpenMeteoProvider({ dispatcher: agent, userAgent: USER_AGENT, now })
  await t.rejects(provider.forecast(SAO_PAULO, signal), new UpstreamResponseError('Open-Meteo forecast answered with an unexpected shape'))
  await t.rejects(provider.forecast(SAO_PAULO, signal), new UpstreamResponseError('Open-Meteo forecast answered with malformed JSON'))
  const status = await provider.forecast(SAO_PAULO, signal).catch((err: unknown) => err)
  t.ok(status instanceof UpstreamStatusError)
  t.match(status, { status: 503, retryAfterMs: 2000, message: 'Open-Meteo forecast answered HTTP 503' })
  const network = await provider.forecast(SAO_PAULO, signal).catch((err: unknown) => err)
  t.ok(isNetworkError(network))
})

test('Open-Meteo: an unknown name is an empty list', async (t) => {
  const agent = mockAgent(t)
  agent.get('https://geocoding-api.open-meteo.com').intercept({ path: (path) => path.startsWith('/v1/search?') }).reply(200, { generationtime_ms: 0.4 }, JSON_HEADERS)
  t.same(await createOpenMeteoProvider({ dispatcher: agent, userAgent: USER_AGENT }).geocode('Atlantis', 'en', signal), [])
})

test('WeatherAPI.com: the key is a query parameter over HTTPS; conditions map to WMO codes', async (t) => {
  const agent = mockAgent(t)
  const origin = agent.get('https://api.weatherapi.com')
  const paths: string[] = []
  origin.intercept({ path: (path) => path.startsWith('/v1/search.json?') }).reply((request) => {
    paths.push(request.path)
    return { statusCode: 200, data: JSON.stringify([{ id: 1, name: 'Sao Paulo', region: '', country: 'Brazil', lat: -23.53, lon: -46.62 }]), responseOptions: JSON_HEADERS }
  })
  origin.intercept({ path: (path) => path.startsWith('/v1/forecast.json?') }).reply((request) => {
    paths.push(request.path)
    return {
      statusCode: 200,
      data: JSON.stringify({
        location: { name: 'Sao Paulo', tz_id: 'America/Sao_Paulo' },
        current: { last_updated: '2026-11-25 10:00', temp_c: 24, feelslike_c: '25.5', humidity: 70, wind_kph: 11.2, condition: { text: 'Partly cloudy', code: 1003 } },
        forecast: { forecastday: [{ date: '2026-11-25', day: { mintemp_c: 18, maxtemp_c: 28, daily_chance_of_rain: '86', totalprecip_mm: 4.2, condition: { text: 'Ash', code: 4242 } } }] }
      }),
      responseOptions: JSON_HEADERS
    }
  })
  const provider = createWeatherApiProvider({ dispatcher: agent, apiKey: 'k-123', userAgent: USER_AGENT })
  const [place] = await provider.geocode('São Paulo', 'es', signal)
  t.same(place, { name: 'Sao Paulo', latitude: -23.53, longitude: -46.62, country: 'Brazil' }, 'an empty region is left out')
  if (place === undefined) return
  const forecast = await provider.forecast(place, signal)
  t.same(forecast, {
    timeZone: 'America/Sao_Paulo',
    current: { temperature: 24, time: '2026-11-25T10:00', feelsLike: 25.5, humidity: 70, windKph: 11.2, code: 2, text: 'Partly cloudy' },
    daily: [{ date: '2026-11-25', min: 18, max: 28, precipitationProbability: 86, precipitationMm: 4.2, text: 'Ash' }]
  })
  t.match(paths[0], /^\/v1\/search\.json\?key=k-123&q=S%C3%A3o\+Paulo$/)
  t.match(paths[1], /^\/v1\/forecast\.json\?key=k-123&q=-23\.53%2C-46\.62&days=7&aqi=no&alerts=no$/)
})

test('WeatherAPI.com: never over plain HTTP, and the key is cut out of errors', async (t) => {
  const agent = mockAgent(t)
  t.throws(() => createWeatherApiProvider({ dispatcher: agent, apiKey: 'k-123', baseUrl: 'http://api.weatherapi.com/v1', userAgent: USER_AGENT }), /only sent over HTTPS/)
  // An unplanned path: the MockAgent's error quotes the request path, key included.
  const provider = createWeatherApiProvider({ dispatcher: agent, apiKey: 'k-secret-987', userAgent: USER_AGENT })
  const error = await provider.geocode('Oslo', 'en', signal).catch((err: unknown) => err)
  t.ok(error instanceof Error)
  t.notOk(String((error as Error).message).includes('k-secret-987'), (error as Error).message)
  t.notOk(String((error as Error).stack).includes('k-secret-987'))
  t.match((error as Error).message, '[redacted]')
})

test('the weather agent keeps connections alive and cuts a server that sends no headers', async (t) => {
  // A loopback server: one route answers, the other never does.
  const connections: Socket[] = []
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/v1/forecast') === true) return
    response.setHeader('content-type', 'application/json')
    response.end('{"results":[]}')
  })
  server.on('connection', (socket) => { connections.push(socket) })
  const port = await listenOnLoopback(server)
  t.teardown(() => { for (const socket of connections) socket.destroy(); server.close() })
  const base = `http://127.0.0.1:${port}`
  const agent = createWeatherDispatcher({ timeoutMs: 150 })
  t.teardown(() => agent.destroy())
  const provider = createOpenMeteoProvider({ dispatcher: agent, geocodingBaseUrl: base, forecastBaseUrl: base, userAgent: USER_AGENT })

  t.same(await provider.geocode('Oslo', 'en', signal), [])
  // undici hands the connection back to its pool just after the body ends.
  await new Promise((resolve) => setImmediate(resolve))
  t.same(await provider.geocode('Bergen', 'en', signal), [])
  t.equal(connections.length, 1, 'the second request reused the kept-alive connection')

  const started = performance.now()
  const error = await provider.forecast(SAO_PAULO, signal).catch((err: unknown) => err)
  t.match(error, { code: 'UND_ERR_HEADERS_TIMEOUT' })
  t.ok(isNetworkError(error), 'a transient network error: the policy may retry it')
  // undici checks its socket timeouts on a coarse clock (about a second); the policy's deadline is exact.
  t.ok(performance.now() - started < 2500)
})
