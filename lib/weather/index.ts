// Public API of the weather module (DESIGN.md 5.3): `createWeatherService` wires a provider (Open-Meteo by
// default, WeatherAPI.com with a key), the undici dispatcher, the resilience policy and the cache into one
// client. Framework-free: the key-value store, clock, logger and metric callbacks are passed in.

import type { Dispatcher } from 'undici'
import { createResiliencePolicy, type BreakerState } from '../resilience/index.js'
import { createWeatherCache, type CacheResult, type CacheStore, type WeatherCacheName } from './cache.js'
import { createWeatherClient, type WeatherClient } from './client.js'
import { createWeatherDispatcher } from './http.js'
import { createOpenMeteoProvider } from './open-meteo.js'
import type { WeatherLogger } from './types.js'
import { createWeatherApiProvider } from './weather-api.js'

export { createWeatherCache, cacheKey, normalizeQuery, type CacheResult, type CacheStore, type WeatherCache, type WeatherCacheName } from './cache.js'
export { createWeatherClient, DEFAULT_FORECAST_DAYS, DEFAULT_TTLS, UNAVAILABLE_MESSAGES, type CacheTtls, type WeatherClient, type WeatherClientOptions } from './client.js'
export { describeConditions, wmoFromWeatherApi } from './conditions.js'
export { createWeatherDispatcher, getJson } from './http.js'
export { createOpenMeteoProvider, OPEN_METEO_FORECAST_URL, OPEN_METEO_GEOCODING_URL } from './open-meteo.js'
export { createWeatherApiProvider, WEATHERAPI_URL } from './weather-api.js'
export * from './types.js'

/** Retries after the first attempt: three attempts fit the default 3 s deadline with room for back-off. */
export const WEATHER_MAX_RETRIES = 2

// Optional fields accept `undefined`, so configuration can be passed through as it is.
export interface WeatherServiceOptions {
  /** WeatherAPI.com key; without it Open-Meteo answers */
  apiKey?: string | undefined
  forecastBaseUrl?: string | undefined
  /** Open-Meteo's geocoding API (WeatherAPI.com geocodes on its own base URL) */
  geocodingBaseUrl?: string | undefined
  /** deadline of one upstream call (geocoding or forecast), retries included */
  timeoutMs: number
  breakerThreshold: number
  halfOpenAfterMs: number
  maxRetries?: number | undefined
  /** default: an Agent of createWeatherDispatcher, closed by `close()` */
  dispatcher?: Dispatcher | undefined
  store: CacheStore
  userAgent: string
  clock?: (() => Date) | undefined
  logger?: WeatherLogger | undefined
  onBreakerStateChange?: ((state: BreakerState, lastError: unknown) => void) | undefined
  onCacheLookup?: ((cache: WeatherCacheName, result: CacheResult) => void) | undefined
}

export interface WeatherService {
  client: WeatherClient
  /** closes the dispatcher this service created (never one passed in) */
  close: () => Promise<void>
}

export function createWeatherService (options: WeatherServiceOptions): WeatherService {
  const dispatcher = options.dispatcher ?? createWeatherDispatcher({ timeoutMs: options.timeoutMs })
  const owned = options.dispatcher === undefined ? dispatcher : undefined
  const clock = options.clock ?? (() => new Date())
  const now = (): number => clock().getTime()
  const provider = options.apiKey === undefined
    ? createOpenMeteoProvider({
      dispatcher,
      now,
      userAgent: options.userAgent,
      ...(options.forecastBaseUrl === undefined ? {} : { forecastBaseUrl: options.forecastBaseUrl }),
      ...(options.geocodingBaseUrl === undefined ? {} : { geocodingBaseUrl: options.geocodingBaseUrl })
    })
    : createWeatherApiProvider({
      dispatcher,
      now,
      userAgent: options.userAgent,
      apiKey: options.apiKey,
      ...(options.forecastBaseUrl === undefined ? {} : { baseUrl: options.forecastBaseUrl })
    })
  const log = options.logger
  const policy = createResiliencePolicy({
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries ?? WEATHER_MAX_RETRIES,
    // The longest back-off (and Retry-After honoured) leaves the deadline room for the retry itself.
    maxDelayMs: Math.max(10, Math.floor(options.timeoutMs / 3)),
    initialDelayMs: Math.max(5, Math.min(100, Math.floor(options.timeoutMs / 30))),
    threshold: options.breakerThreshold,
    halfOpenAfterMs: options.halfOpenAfterMs,
    ...(options.onBreakerStateChange === undefined ? {} : { onStateChange: options.onBreakerStateChange }),
    onRetry: ({ attempt, delayMs, error }) => {
      log?.debug({ provider: provider.name, attempt, delayMs: Math.round(delayMs), err: error instanceof Error ? error.message : String(error) }, 'retrying weather call')
    }
  })
  const client = createWeatherClient({
    provider,
    policy,
    cache: createWeatherCache(options.store, options.onCacheLookup),
    clock,
    ...(log === undefined ? {} : { logger: log })
  })
  return {
    client,
    close: async () => { await owned?.close() }
  }
}
