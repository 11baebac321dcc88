// The weather client: a place name in, a report, "not found" or "unavailable" out; never an invented value
// and never a thrown error (except the caller's own abort). Geocoding is cached for 24 hours (an unknown
// name for one), forecasts for ten minutes, keyed by the provider and the normalized query or the rounded
// coordinates; every upstream call goes through the resilience policy (deadline, retries, circuit breaker).

import { isCircuitOpen, isNetworkError, statusOf, UpstreamResponseError, UpstreamStatusError, UpstreamTimeoutError, type BreakerState, type ResiliencePolicy } from '../resilience/index.js'
import { defined } from './answers.js'
import { normalizeQuery, type WeatherCache } from './cache.js'
import { describeConditions } from './conditions.js'
import {
  MAX_FORECAST_DAYS, type Place, type ProviderForecast, type ProviderName, type UnavailableReason, type WeatherLogger, type WeatherOutcome,
  type WeatherProvider, type WeatherQuery, type WeatherReport
} from './types.js'

export const DEFAULT_FORECAST_DAYS = 3

export interface CacheTtls {
  geocodingMs: number
  notFoundMs: number
  forecastMs: number
}

export const DEFAULT_TTLS: CacheTtls = { geocodingMs: 24 * 60 * 60_000, notFoundMs: 60 * 60_000, forecastMs: 10 * 60_000 }

export interface WeatherClientOptions {
  provider: WeatherProvider
  policy: ResiliencePolicy
  cache: WeatherCache
  clock?: () => Date
  logger?: WeatherLogger
  ttls?: Partial<CacheTtls>
}

export interface WeatherClient {
  readonly providerName: ProviderName
  readonly breakerState: BreakerState
  lookup: (query: WeatherQuery, signal?: AbortSignal) => Promise<WeatherOutcome>
}

type CachedPlace = { place: Place } | { missing: true }

interface CachedForecast {
  fetchedAt: string
  forecast: ProviderForecast
}

/** What the tool tells the model (and the offline assistant the user) for each reason. */
export const UNAVAILABLE_MESSAGES: Readonly<Record<UnavailableReason, string>> = {
  circuit_open: 'the weather service has been failing, so calls to it are paused for a moment',
  timeout: 'the weather service did not answer in time',
  upstream_error: 'the weather service answered with an error',
  bad_response: 'the weather service sent an answer that could not be read',
  network_error: 'the weather service could not be reached',
  failed: 'the weather lookup failed'
}

function reasonOf (error: unknown): UnavailableReason {
  if (isCircuitOpen(error)) return 'circuit_open'
  if (error instanceof UpstreamTimeoutError) return 'timeout'
  if (error instanceof UpstreamStatusError) return 'upstream_error'
  if (error instanceof UpstreamResponseError) return 'bad_response'
  if (isNetworkError(error)) return 'network_error'
  return 'failed'
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim()

const regionNames = new Map<string, Intl.DisplayNames>()

/** The country's name in a language ("ES" -> "Spain" / "España"), to match "Sevilla, Spain" in any language. */
function countryNameIn (code: string, language: string): string | undefined {
  try {
    let names = regionNames.get(language)
    if (names === undefined) {
      names = new Intl.DisplayNames([language], { type: 'region' })
      regionNames.set(language, names)
    }
    return names.of(code)
  } catch {
    return undefined
  }
}

/** "Paris, Texas" -> Paris in Texas; a qualifier must name the candidate's region, country or country code. */
function pick (candidates: readonly Place[], qualifier: string | undefined, language: string): Place | undefined {
  if (qualifier === undefined) return candidates[0]
  const wanted = fold(qualifier)
  return candidates.find((place) => {
    const names = [place.region, place.country, place.countryCode]
    if (place.countryCode !== undefined) names.push(...['en', 'es', language].map((lang) => countryNameIn(place.countryCode ?? '', lang)))
    return names.some((name) => name !== undefined && fold(name) === wanted)
  })
}

/** Today's date at the place, YYYY-MM-DD, or undefined for an unknown zone. */
function localToday (now: Date, timeZone: string | undefined): string | undefined {
  if (timeZone === undefined) return undefined
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return undefined
  }
}

function describeError (error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) }
  const code = 'code' in error ? error.code : undefined
  return defined<Record<string, unknown>>({ type: error.name, message: error.message }, { code, status: statusOf(error) })
}

export function createWeatherClient (options: WeatherClientOptions): WeatherClient {
  const { provider, policy, cache } = options
  const clock = options.clock ?? (() => new Date())
  const ttls: CacheTtls = { ...DEFAULT_TTLS, ...options.ttls }
  const log = options.logger

  async function findPlace (location: string, language: string, signal: AbortSignal | undefined): Promise<Place | undefined> {
    const query = [provider.name, language, normalizeQuery(location)]
    const cached = await cache.read<CachedPlace>('weather_geocoding', query)
    if (cached !== undefined) return 'place' in cached ? cached.place : undefined
    const comma = location.indexOf(',')
    const name = (comma === -1 ? location : location.slice(0, comma)).trim()
    const qualifier = comma === -1 ? undefined : location.slice(comma + 1).trim() || undefined
    const candidates = name === '' ? [] : await policy.execute((attemptSignal) => provider.geocode(name, language, attemptSignal), signal)
    const place = pick(candidates, qualifier, language)
    if (place === undefined) await cache.write('weather_geocoding', query, { missing: true }, ttls.notFoundMs)
    else await cache.write('weather_geocoding', query, { place }, ttls.geocodingMs)
    return place
  }

  async function forecastFor (place: Place, signal: AbortSignal | undefined): Promise<CachedForecast> {
    // ~100 m: the same city however it was named shares one entry.
    const query = [provider.name, place.latitude.toFixed(3), place.longitude.toFixed(3)]
    const cached = await cache.read<CachedForecast>('weather_forecast', query)
    if (cached !== undefined) return cached
    const forecast = await policy.execute(async (attemptSignal) => {
      const answer = await provider.forecast(place, attemptSignal)
      if (answer.daily.length === 0 && answer.current === undefined) throw new UpstreamResponseError(`${provider.name} answered without any forecast`)
      return answer
    }, signal)
    const entry: CachedForecast = { fetchedAt: clock().toISOString(), forecast }
    await cache.write('weather_forecast', query, entry, ttls.forecastMs)
    return entry
  }

  function report (place: Place, { forecast, fetchedAt }: CachedForecast, days: number, language: string): WeatherReport {
    const timeZone = forecast.timeZone ?? place.timeZone
    // A forecast cached before midnight still starts at the place's today.
    const today = localToday(clock(), timeZone)
    const daily = forecast.daily
      .filter((day) => today === undefined || day.date >= today)
      .slice(0, days)
      .map((day) => defined<WeatherReport['daily'][number]>({ date: day.date }, {
        min: day.min,
        max: day.max,
        description: describeConditions(day.code, day.text, language),
        precipitationProbability: day.precipitationProbability,
        precipitationMm: day.precipitationMm,
        windMaxKph: day.windMaxKph
      }))
    const location = defined<WeatherReport['location']>({ name: place.name, latitude: place.latitude, longitude: place.longitude }, {
      region: place.region,
      country: place.country,
      countryCode: place.countryCode,
      timeZone
    })
    const result: WeatherReport = { location, units: 'metric', daily, source: provider.name, fetchedAt }
    const current = forecast.current
    if (current !== undefined) {
      result.current = defined<NonNullable<WeatherReport['current']>>({ temperature: current.temperature }, {
        time: current.time,
        feelsLike: current.feelsLike,
        humidity: current.humidity,
        windKph: current.windKph,
        precipitationMm: current.precipitationMm,
        description: describeConditions(current.code, current.text, language)
      })
    }
    return result
  }

  function unavailable (error: unknown): WeatherOutcome {
    const reason = reasonOf(error)
    // A projection, not the error itself: messages of known failures are enough, and are checked to carry no key.
    const detail = reason === 'failed' ? { provider: provider.name, reason, err: error } : { provider: provider.name, reason, failure: describeError(error) }
    const status = statusOf(error)
    if (reason === 'circuit_open') log?.debug(detail, 'weather call refused: the circuit is open')
    else if (reason === 'failed' || (status !== undefined && status >= 400 && status <= 499 && status !== 429)) {
      // Not the dependency being down: a refused key, a request it cannot serve, or a bug here.
      log?.error(detail, 'weather lookup failed')
    } else log?.warn(detail, 'weather unavailable')
    return { status: 'unavailable', reason, message: UNAVAILABLE_MESSAGES[reason] }
  }

  async function lookup (query: WeatherQuery, signal?: AbortSignal): Promise<WeatherOutcome> {
    signal?.throwIfAborted()
    const location = query.location.normalize('NFKC').trim().replace(/\s+/g, ' ')
    const days = Math.min(MAX_FORECAST_DAYS, Math.max(1, Math.trunc(query.days ?? DEFAULT_FORECAST_DAYS)))
    const language = (query.language ?? 'en').toLowerCase()
    try {
      const place = location === '' ? undefined : await findPlace(location, language, signal)
      if (place === undefined) return { status: 'not_found', location }
      return { status: 'ok', report: report(place, await forecastFor(place, signal), days, language) }
    } catch (error) {
      signal?.throwIfAborted()
      return unavailable(error)
    }
  }

  return {
    providerName: provider.name,
    get breakerState () { return policy.state },
    lookup
  }
}
