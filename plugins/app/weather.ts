// Decorates `fastify.weather`: the lib/weather client (Open-Meteo, or WeatherAPI.com when WEATHER_API_KEY
// is set) behind its resilience policy and cached in fastify.kv, for the assistant's get_weather tool.
// Circuit state changes are logged and exported as circuit_breaker_state{breaker="weather"}, cache lookups
// as cache_requests_total; its HTTP connections close with the app. Tests pass a MockAgent dispatcher.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Dispatcher } from 'undici'
import { BREAKER_STATE_VALUE } from '../../lib/resilience/index.js'
import { createWeatherService, type WeatherClient } from '../../lib/weather/index.js'
import { readPackageInfo } from '../../lib/config/package-info.js'
import type { AppOptions } from '../../app.js'

/** What tests may swap in the weather client (through the app options). */
export interface WeatherOverrides {
  /** an undici MockAgent: no request leaves the process */
  dispatcher?: Dispatcher
  /** decides the place's "today" and the report's fetchedAt */
  clock?: () => Date
}

declare module 'fastify' {
  interface FastifyInstance {
    weather: WeatherClient
  }
}

const BREAKER = { breaker: 'weather' } as const

async function weather (fastify: FastifyInstance, opts: Partial<AppOptions>): Promise<void> {
  const { config, appMetrics } = fastify
  if (config.WEATHER_API_KEY !== undefined && config.WEATHER_BASE_URL !== undefined && !config.WEATHER_BASE_URL.startsWith('https://')) {
    throw new Error('WEATHER_BASE_URL must be an https:// URL when WEATHER_API_KEY is set: the key is never sent in clear text')
  }
  const overrides = opts.weather ?? {}
  const log = fastify.log.child({ component: 'weather' })
  // Both series exist from the start, so dashboards and alerts see "closed" and zero counts, not gaps.
  appMetrics.circuitBreakerState.set(BREAKER, BREAKER_STATE_VALUE.closed)
  for (const cache of ['weather_geocoding', 'weather_forecast'] as const) {
    for (const result of ['hit', 'miss'] as const) appMetrics.cacheRequests.inc({ cache, result }, 0)
  }
  const { name, version } = readPackageInfo()
  const service = createWeatherService({
    apiKey: config.WEATHER_API_KEY,
    forecastBaseUrl: config.WEATHER_BASE_URL,
    geocodingBaseUrl: config.GEOCODING_BASE_URL,
    timeoutMs: config.WEATHER_TIMEOUT_MS,
    breakerThreshold: config.WEATHER_BREAKER_THRESHOLD,
    halfOpenAfterMs: config.WEATHER_BREAKER_HALF_OPEN_MS,
    dispatcher: overrides.dispatcher,
    clock: overrides.clock,
    store: fastify.kv,
    userAgent: `${name}/${version}`,
    logger: log,
    onBreakerStateChange: (state, lastError) => {
      appMetrics.circuitBreakerState.set(BREAKER, BREAKER_STATE_VALUE[state])
      if (state === 'open') {
        const err = lastError instanceof Error ? lastError.message : undefined
        log.warn({ ...BREAKER, state, err }, 'circuit opened: weather calls are refused until a probe succeeds')
      } else {
        log.info({ ...BREAKER, state }, state === 'closed' ? 'circuit closed: the weather service answers again' : 'circuit half-open: probing the weather service')
      }
    },
    onCacheLookup: (cache, result) => { appMetrics.cacheRequests.inc({ cache, result }) }
  })
  fastify.decorate('weather', service.client)
  fastify.addHook('onClose', () => service.close())
  log.info({ provider: service.client.providerName }, 'weather ready')
}

export default fp(weather, { name: 'weather', dependencies: ['@fastify/env', 'redis', 'metrics'] })
