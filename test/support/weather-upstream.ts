// A fake Open-Meteo (geocoding + forecast) on an undici MockAgent, for tests of the weather client and the
// get_weather tool: a small world of places, every request recorded, and scripted answers (a status, a
// body, a Retry-After) queued per endpoint ahead of the normal ones. Net connect is disabled, so a request
// to any other origin or path fails instead of leaving the machine.
import { createServer } from 'node:http'
import { MockAgent } from 'undici'
import { listenOnLoopback } from '../free-port.js'

export const GEOCODING_ORIGIN = 'https://geocoding-api.open-meteo.com'
export const FORECAST_ORIGIN = 'https://api.open-meteo.com'

export interface FakePlace {
  name: string
  country: string
  countryCode: string
  region?: string
  latitude: number
  longitude: number
  timezone: string
  /** the forecast for this place never answers (it is delayed past any test's deadline) */
  hangs?: boolean
}

export const WORLD: readonly FakePlace[] = [
  { name: 'Barcelona', country: 'Spain', countryCode: 'ES', region: 'Catalonia', latitude: 41.38879, longitude: 2.15899, timezone: 'Europe/Madrid' },
  { name: 'Sevilla', country: 'Spain', countryCode: 'ES', region: 'Andalusia', latitude: 37.38283, longitude: -5.97317, timezone: 'Europe/Madrid' },
  { name: 'Paris', country: 'France', countryCode: 'FR', region: 'Île-de-France', latitude: 48.85341, longitude: 2.3488, timezone: 'Europe/Paris' },
  { name: 'Paris', country: 'United States', countryCode: 'US', region: 'Texas', latitude: 33.66094, longitude: -95.55551, timezone: 'America/Chicago' },
  { name: 'Berlin', country: 'Germany', countryCode: 'DE', region: 'Land Berlin', latitude: 52.52437, longitude: 13.41053, timezone: 'Europe/Berlin' },
  { name: 'Oslo', country: 'Norway', countryCode: 'NO', region: 'Oslo', latitude: 59.91273, longitude: 10.74609, timezone: 'Europe/Oslo' },
  { name: 'Lisbon', country: 'Portugal', countryCode: 'PT', region: 'Lisbon', latitude: 38.71667, longitude: -9.13333, timezone: 'Europe/Lisbon' },
  { name: 'Reykjavik', country: 'Iceland', countryCode: 'IS', latitude: 64.13548, longitude: -21.89541, timezone: 'Atlantic/Reykjavik', hangs: true }
]

/** The first forecast day of every answer: tests run with the weather clock on this date. */
export const FIRST_DAY = '2026-11-25'

export interface Scripted {
  status: number
  body?: string
  headers?: Record<string, string>
}

export interface FakeWeatherUpstream {
  agent: MockAgent
  /** paths (with query) of every request, per endpoint, in order */
  calls: { geocoding: string[], forecast: string[] }
  /** answers given to the next requests, before the normal ones */
  script: { geocoding: Scripted[], forecast: Scripted[] }
  /** total requests so far */
  total: () => number
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' }

/** Deterministic per place and day, so tests compute the facts an answer must contain. */
export function expectedDay (place: FakePlace, index: number): { date: string, min: number, max: number, code: number, rain: number } {
  const base = Math.round(place.latitude) % 10
  const date = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10)
  return { date, min: base + index + 0.4, max: base + index + 11.6, code: [0, 2, 3, 61, 63, 80, 95][index] ?? 0, rain: (index * 15) % 100 }
}

export const CURRENT_TEMPERATURE = 17.3

function geocodingAnswer (name: string, language: string): object {
  const results = WORLD
    .filter((place) => place.name.toLowerCase() === name.toLowerCase())
    .map((place) => ({
      id: 1,
      name: place.name,
      latitude: place.latitude,
      longitude: place.longitude,
      country_code: place.countryCode,
      country: language === 'es' && place.countryCode === 'ES' ? 'España' : place.country,
      timezone: place.timezone,
      ...(place.region === undefined ? {} : { admin1: place.region })
    }))
  // Open-Meteo leaves `results` out when nothing matches.
  return results.length === 0 ? { generationtime_ms: 0.5 } : { results, generationtime_ms: 0.5 }
}

function forecastAnswer (place: FakePlace): object {
  const days = Array.from({ length: 7 }, (_, index) => expectedDay(place, index))
  return {
    latitude: place.latitude,
    longitude: place.longitude,
    timezone: place.timezone,
    current: {
      time: `${FIRST_DAY}T14:00`,
      temperature_2m: CURRENT_TEMPERATURE,
      apparent_temperature: 16.1,
      relative_humidity_2m: 71,
      wind_speed_10m: 12.5,
      precipitation: 0,
      weather_code: 1
    },
    daily: {
      time: days.map((day) => day.date),
      temperature_2m_min: days.map((day) => day.min),
      temperature_2m_max: days.map((day) => day.max),
      precipitation_probability_max: days.map((day) => day.rain),
      precipitation_sum: days.map(() => null),
      wind_speed_10m_max: days.map(() => 20),
      weather_code: days.map((day) => day.code)
    }
  }
}

const near = (value: string | null, target: number): boolean => value !== null && Math.abs(Number(value) - target) < 0.001

function placeAt (path: string): FakePlace | undefined {
  const query = new URL(path, FORECAST_ORIGIN).searchParams
  return WORLD.find((place) => near(query.get('latitude'), place.latitude) && near(query.get('longitude'), place.longitude))
}

export function fakeWeatherUpstream (): FakeWeatherUpstream {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const calls: FakeWeatherUpstream['calls'] = { geocoding: [], forecast: [] }
  const script: FakeWeatherUpstream['script'] = { geocoding: [], forecast: [] }
  const scripted = (next: Scripted): { statusCode: number, data: string, responseOptions: { headers: Record<string, string> } } =>
    ({ statusCode: next.status, data: next.body ?? '', responseOptions: { headers: { ...JSON_HEADERS, ...next.headers } } })

  agent.get(GEOCODING_ORIGIN).intercept({ path: (path) => path.startsWith('/v1/search?') }).reply((request) => {
    calls.geocoding.push(request.path)
    const next = script.geocoding.shift()
    if (next !== undefined) return scripted(next)
    const query = new URL(request.path, GEOCODING_ORIGIN).searchParams
    return { statusCode: 200, data: JSON.stringify(geocodingAnswer(query.get('name') ?? '', query.get('language') ?? 'en')), responseOptions: { headers: JSON_HEADERS } }
  }).persist()

  const forecasts = agent.get(FORECAST_ORIGIN)
  forecasts.intercept({ path: (path) => path.startsWith('/v1/forecast?') && placeAt(path)?.hangs === true }).reply((request) => {
    calls.forecast.push(request.path)
    return { statusCode: 200, data: '{}', responseOptions: { headers: JSON_HEADERS } }
  }).delay(60_000).persist()
  forecasts.intercept({ path: (path) => path.startsWith('/v1/forecast?') && placeAt(path)?.hangs !== true }).reply((request) => {
    calls.forecast.push(request.path)
    const next = script.forecast.shift()
    if (next !== undefined) return scripted(next)
    const place = placeAt(request.path)
    if (place === undefined) return { statusCode: 400, data: '{"error":true,"reason":"unknown coordinates"}', responseOptions: { headers: JSON_HEADERS } }
    return { statusCode: 200, data: JSON.stringify(forecastAnswer(place)), responseOptions: { headers: JSON_HEADERS } }
  }).persist()

  return { agent, calls, script, total: () => calls.geocoding.length + calls.forecast.length }
}

/** How the real-server fake fails: `error` answers 503, `reset` drops the connection, `hang` never answers. */
export type WeatherFailure = 'none' | 'error' | 'reset' | 'hang'

/**
 * The same fake Open-Meteo as a real HTTP server on loopback (both APIs on one origin), for tests that need
 * requests to go through undici's real client, such as the tracing of outbound calls, or a weather
 * provider that goes down (set `failure`) while a server process uses it.
 */
export async function fakeWeatherServer (): Promise<{ url: string, close: () => Promise<void>, failure: WeatherFailure, requests: () => number }> {
  let requests = 0
  const fake = {
    url: '',
    failure: 'none' as WeatherFailure,
    requests: () => requests,
    close: async () => {}
  }
  const server = createServer((req, res) => {
    requests++
    if (fake.failure === 'hang') return
    if (fake.failure === 'reset') {
      req.socket.destroy()
      return
    }
    if (fake.failure === 'error') {
      res.writeHead(503, { ...JSON_HEADERS, 'retry-after': '1' }).end('{"error":true,"reason":"scripted outage"}')
      return
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    let body: object | undefined
    if (url.pathname === '/v1/search') body = geocodingAnswer(url.searchParams.get('name') ?? '', url.searchParams.get('language') ?? 'en')
    const place = url.pathname === '/v1/forecast' ? placeAt(`${url.pathname}${url.search}`) : undefined
    if (place !== undefined) body = forecastAnswer(place)
    res.writeHead(body === undefined ? 404 : 200, JSON_HEADERS).end(JSON.stringify(body ?? { error: true }))
  })
  const port = await listenOnLoopback(server)
  fake.url = `http://127.0.0.1:${port}`
  fake.close = () => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return fake
}
