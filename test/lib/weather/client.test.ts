// The weather client over a scripted provider and the in-process store: which place a qualified name
// picks, which days a report holds, what is cached, and how every failure becomes "unavailable" with its
// reason instead of an exception or a made-up value.

import { test } from 'tap'
import { createMemoryKv } from '../../../lib/kv/memory-kv.js'
import { createResiliencePolicy, UpstreamResponseError, UpstreamStatusError } from '../../../lib/resilience/index.js'
import {
  createWeatherCache, createWeatherClient, describeConditions, wmoFromWeatherApi, type CacheStore, type Place, type ProviderForecast,
  type WeatherLogger, type WeatherProvider
} from '../../../lib/weather/index.js'

const PLACES: Place[] = [
  { name: 'Paris', country: 'France', countryCode: 'FR', region: 'Île-de-France', latitude: 48.85341, longitude: 2.3488, timeZone: 'Europe/Paris' },
  { name: 'Paris', country: 'United States', countryCode: 'US', region: 'Texas', latitude: 33.66094, longitude: -95.55551, timeZone: 'America/Chicago' },
  { name: 'Sevilla', country: 'España', countryCode: 'ES', region: 'Andalucía', latitude: 37.38283, longitude: -5.97317, timeZone: 'Europe/Madrid' }
]

function week (from: string): ProviderForecast['daily'] {
  return Array.from({ length: 7 }, (_, index) => ({
    date: new Date(Date.parse(`${from}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10),
    min: index,
    max: 10 + index,
    code: 61
  }))
}

interface Scripted extends WeatherProvider {
  geocodeCalls: string[]
  forecastCalls: number
  failures: Error[]
  forecast: WeatherProvider['forecast']
  answer: ProviderForecast
}

function scriptedProvider (): Scripted {
  const provider: Scripted = {
    name: 'open-meteo',
    geocodeCalls: [],
    forecastCalls: 0,
    failures: [],
    answer: { timeZone: 'Europe/Paris', current: { temperature: 12.4, code: 3 }, daily: week('2026-11-25') },
    async geocode (name) {
      provider.geocodeCalls.push(name)
      const failure = provider.failures.shift()
      if (failure !== undefined) throw failure
      return PLACES.filter((place) => place.name.toLowerCase() === name.toLowerCase())
    },
    async forecast () {
      provider.forecastCalls++
      const failure = provider.failures.shift()
      if (failure !== undefined) throw failure
      return provider.answer
    }
  }
  return provider
}

interface Logged { level: string, obj: object, msg: string }

function recordingLogger (): { logger: WeatherLogger, lines: Logged[] } {
  const lines: Logged[] = []
  const at = (level: string) => (obj: object, msg: string): void => { lines.push({ level, obj, msg }) }
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines }
}

function clientWith (provider: WeatherProvider, options: { store?: CacheStore, now?: string, logger?: WeatherLogger } = {}) {
  const lookups: string[] = []
  const policy = createResiliencePolicy({ timeoutMs: 500, maxRetries: 1, initialDelayMs: 1, maxDelayMs: 5, threshold: 100, halfOpenAfterMs: 1000 })
  const client = createWeatherClient({
    provider,
    policy,
    cache: createWeatherCache(options.store ?? createMemoryKv(), (cache, result) => { lookups.push(`${cache}:${result}`) }),
    clock: () => new Date(options.now ?? '2026-11-25T10:00:00Z'),
    ...(options.logger === undefined ? {} : { logger: options.logger })
  })
  return { client, lookups }
}

test('a qualifier picks the place in that region or country, in English or the question\'s language', async (t) => {
  const provider = scriptedProvider()
  const { client } = clientWith(provider)
  const texas = await client.lookup({ location: 'Paris, Texas' })
  t.equal(texas.status === 'ok' && texas.report.location.countryCode, 'US')
  t.equal(provider.geocodeCalls.at(-1), 'Paris', 'the geocoder gets the name alone')
  const france = await client.lookup({ location: 'Paris,  France' })
  t.equal(france.status === 'ok' && france.report.location.countryCode, 'FR')
  const fr = await client.lookup({ location: 'Paris, FR' })
  t.equal(fr.status === 'ok' && fr.report.location.region, 'Île-de-France')
  const spain = await client.lookup({ location: 'Sevilla, Spain', language: 'es' })
  t.equal(spain.status === 'ok' && spain.report.location.country, 'España', '"Spain" matches a place the geocoder named in Spanish')
  t.same(await client.lookup({ location: 'Paris, Narnia' }), { status: 'not_found', location: 'Paris, Narnia' })
  t.equal((await client.lookup({ location: 'Paris' })).status === 'ok', true, 'no qualifier: the first candidate')
})

test('a report holds the days asked for, from the place\'s today, with words for the codes', async (t) => {
  const provider = scriptedProvider()
  // 23:30 UTC on the 24th is already the 25th in Paris; a forecast cached the day before starts on the 24th.
  provider.answer = { timeZone: 'Europe/Paris', current: { temperature: 12.4, code: 3, humidity: 80 }, daily: week('2026-11-24') }
  const { client } = clientWith(provider, { now: '2026-11-24T23:30:00Z' })
  const outcome = await client.lookup({ location: 'Paris', days: 2, language: 'es' })
  if (outcome.status !== 'ok') throw new Error(outcome.status)
  t.same(outcome.report.daily.map((day) => day.date), ['2026-11-25', '2026-11-26'])
  t.same(outcome.report.daily[0], { date: '2026-11-25', min: 1, max: 11, description: 'lluvia ligera' })
  t.same(outcome.report.current, { temperature: 12.4, humidity: 80, description: 'cubierto' })
  t.match(outcome.report, { units: 'metric', source: 'open-meteo', fetchedAt: '2026-11-24T23:30:00.000Z', location: { timeZone: 'Europe/Paris' } })

  const many = await client.lookup({ location: 'Paris', days: 30 })
  t.equal(many.status === 'ok' && many.report.daily.length, 6, 'at most 7 days, and only those the forecast has from today')
  const defaults = await client.lookup({ location: 'Paris' })
  t.equal(defaults.status === 'ok' && defaults.report.daily.length, 3, 'three days by default')
})

test('geocoding and forecasts are cached; "not found" too; a broken store only costs misses', async (t) => {
  const provider = scriptedProvider()
  const { client, lookups } = clientWith(provider)
  await client.lookup({ location: 'Paris' })
  await client.lookup({ location: '  PARIS ' })
  await client.lookup({ location: 'Atlantis' })
  await client.lookup({ location: 'atlantis' })
  t.same(provider.geocodeCalls, ['Paris', 'Atlantis'])
  t.equal(provider.forecastCalls, 1)
  t.same(lookups, [
    'weather_geocoding:miss', 'weather_forecast:miss', 'weather_geocoding:hit', 'weather_forecast:hit',
    'weather_geocoding:miss', 'weather_geocoding:hit'
  ])

  const broken: CacheStore = { get: async () => { throw new Error('Redis down') }, set: async () => { throw new Error('Redis down') } }
  const direct = scriptedProvider()
  const { client: uncached } = clientWith(direct, { store: broken })
  t.equal((await uncached.lookup({ location: 'Paris' })).status, 'ok')
  t.equal((await uncached.lookup({ location: 'Paris' })).status, 'ok')
  t.equal(direct.forecastCalls, 2, 'every question goes upstream, none fails')

  const garbage: CacheStore = { get: async () => '{not json', set: async () => {} }
  t.equal((await clientWith(scriptedProvider(), { store: garbage }).client.lookup({ location: 'Paris' })).status, 'ok', 'an unreadable entry is a miss')
})

test('forecasts live 10 minutes, places 24 hours, unknown names one hour', async (t) => {
  let now = Date.parse('2026-11-25T10:00:00Z')
  const provider = scriptedProvider()
  const policy = createResiliencePolicy({ timeoutMs: 500, maxRetries: 0, threshold: 100, halfOpenAfterMs: 1000 })
  const client = createWeatherClient({ provider, policy, cache: createWeatherCache(createMemoryKv({ now: () => now })), clock: () => new Date(now) })
  const minutes = (count: number): void => { now += count * 60_000 }
  const ask = async (location: string): Promise<void> => { await client.lookup({ location }) }

  await ask('Paris')
  await ask('Atlantis')
  minutes(9)
  await ask('Paris')
  t.equal(provider.forecastCalls, 1, 'a forecast is reused for ten minutes')
  minutes(2)
  await ask('Paris')
  t.equal(provider.forecastCalls, 2, 'and fetched again after them')
  minutes(50)
  await ask('Atlantis')
  t.same(provider.geocodeCalls, ['Paris', 'Atlantis', 'Atlantis'], 'an unknown name is asked again after an hour; the place is not')
  minutes(23 * 60)
  await ask('Paris')
  t.same(provider.geocodeCalls.at(-1), 'Paris', 'a place is looked up again after a day')
  t.equal(provider.geocodeCalls.length, 4)
})

test('failures become "unavailable" with their reason, logged without throwing', async (t) => {
  const provider = scriptedProvider()
  const { logger, lines } = recordingLogger()
  const { client } = clientWith(provider, { logger })
  provider.failures.push(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
  t.match(await client.lookup({ location: 'Paris' }), { status: 'unavailable', reason: 'network_error', message: 'the weather service could not be reached' })
  provider.failures.push(new UpstreamStatusError('Open-Meteo', 500), new UpstreamStatusError('Open-Meteo', 502))
  t.match(await client.lookup({ location: 'Paris' }), { status: 'unavailable', reason: 'upstream_error' })
  provider.failures.push(new TypeError('a bug'))
  t.match(await client.lookup({ location: 'Paris' }), { status: 'unavailable', reason: 'failed' })
  t.same(lines.map((line) => [line.level, line.msg]), [['warn', 'weather unavailable'], ['warn', 'weather unavailable'], ['error', 'weather lookup failed']])

  provider.answer = { daily: [] }
  t.match(await client.lookup({ location: 'Paris' }), { status: 'unavailable', reason: 'bad_response' }, 'an answer without any forecast')
  t.same(await client.lookup({ location: '   ' }), { status: 'not_found', location: '' })
})

test('the caller\'s abort is the one thing that is thrown', async (t) => {
  const { client } = clientWith(scriptedProvider())
  await t.rejects(client.lookup({ location: 'Paris' }, AbortSignal.abort(new Error('client left'))), { message: 'client left' })
  const slow = scriptedProvider()
  slow.geocode = (_name, _language, signal) => new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true })
  })
  const controller = new AbortController()
  const pending = clientWith(slow).client.lookup({ location: 'Paris' }, controller.signal)
  controller.abort(new Error('client left'))
  await t.rejects(pending, { message: 'client left' })
})

test('conditions read the same from both providers, in English or Spanish', async (t) => {
  t.equal(describeConditions(95, undefined, 'en'), 'thunderstorm')
  t.equal(describeConditions(95, undefined, 'es'), 'tormenta')
  t.equal(describeConditions(wmoFromWeatherApi(1183), 'Light rain', 'es'), 'lluvia ligera')
  t.equal(describeConditions(wmoFromWeatherApi(9999), 'Volcanic ash', 'en'), 'Volcanic ash', 'an unknown code keeps the provider\'s words')
  t.equal(describeConditions(undefined, '  ', 'en'), undefined)
  t.equal(wmoFromWeatherApi(undefined), undefined)
  t.ok(new UpstreamResponseError('x') instanceof Error)
})
