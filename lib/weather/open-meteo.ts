// Open-Meteo (https://open-meteo.com): geocoding and forecast, no key; the default provider. Both base
// URLs are configuration, so a self-hosted Open-Meteo or a test double can stand in. Answers are checked
// against the shapes below before anything is read from them; a wrong shape is UpstreamResponseError.

import Type from 'typebox'
import type { Dispatcher } from 'undici'
import { answerReader, defined } from './answers.js'
import { endpoint, getJson } from './http.js'
import { MAX_FORECAST_DAYS, type Place, type ProviderConditions, type ProviderDay, type ProviderForecast, type WeatherProvider } from './types.js'

export const OPEN_METEO_FORECAST_URL = 'https://api.open-meteo.com'
export const OPEN_METEO_GEOCODING_URL = 'https://geocoding-api.open-meteo.com'

/** Candidates asked of the geocoder: enough to find "Paris, Texas" behind Paris, France. */
const GEOCODING_CANDIDATES = 10

const Numbers = Type.Array(Type.Union([Type.Number(), Type.Null()]))

const GeocodingAnswer = Type.Object({
  results: Type.Optional(Type.Array(Type.Object({
    name: Type.String(),
    latitude: Type.Number(),
    longitude: Type.Number(),
    country: Type.Optional(Type.String()),
    country_code: Type.Optional(Type.String()),
    admin1: Type.Optional(Type.String()),
    timezone: Type.Optional(Type.String())
  })))
})

const ForecastAnswer = Type.Object({
  timezone: Type.Optional(Type.String()),
  current: Type.Optional(Type.Object({
    time: Type.Optional(Type.String()),
    temperature_2m: Type.Union([Type.Number(), Type.Null()]),
    apparent_temperature: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    relative_humidity_2m: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    wind_speed_10m: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    precipitation: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    weather_code: Type.Optional(Type.Union([Type.Number(), Type.Null()]))
  })),
  daily: Type.Object({
    time: Type.Array(Type.String()),
    temperature_2m_min: Type.Optional(Numbers),
    temperature_2m_max: Type.Optional(Numbers),
    precipitation_probability_max: Type.Optional(Numbers),
    precipitation_sum: Type.Optional(Numbers),
    wind_speed_10m_max: Type.Optional(Numbers),
    weather_code: Type.Optional(Numbers)
  })
})

export interface OpenMeteoOptions {
  dispatcher: Dispatcher
  forecastBaseUrl?: string
  geocodingBaseUrl?: string
  now?: () => number
  userAgent: string
}

export function createOpenMeteoProvider (options: OpenMeteoOptions): WeatherProvider {
  const forecastBase = options.forecastBaseUrl ?? OPEN_METEO_FORECAST_URL
  const geocodingBase = options.geocodingBaseUrl ?? OPEN_METEO_GEOCODING_URL
  const now = options.now ?? Date.now
  const readGeocoding = answerReader(GeocodingAnswer, 'Open-Meteo geocoding')
  const readForecast = answerReader(ForecastAnswer, 'Open-Meteo forecast')
  const http = (service: string, signal: AbortSignal): Parameters<typeof getJson>[1] =>
    ({ dispatcher: options.dispatcher, service, signal, now, userAgent: options.userAgent })

  return {
    name: 'open-meteo',

    async geocode (name, language, signal) {
      const url = endpoint(geocodingBase, 'v1/search')
      url.search = new URLSearchParams({ name, count: String(GEOCODING_CANDIDATES), language, format: 'json' }).toString()
      const answer = readGeocoding(await getJson(url, http('Open-Meteo geocoding', signal)))
      return (answer.results ?? []).map((result): Place => defined<Place>({ name: result.name, latitude: result.latitude, longitude: result.longitude }, {
        region: result.admin1,
        country: result.country,
        countryCode: result.country_code?.toUpperCase(),
        timeZone: result.timezone
      }))
    },

    async forecast (place, signal) {
      const url = endpoint(forecastBase, 'v1/forecast')
      url.search = new URLSearchParams({
        latitude: String(place.latitude),
        longitude: String(place.longitude),
        current: 'temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,precipitation,weather_code',
        daily: 'temperature_2m_min,temperature_2m_max,precipitation_probability_max,precipitation_sum,wind_speed_10m_max,weather_code',
        timezone: place.timeZone ?? 'auto',
        forecast_days: String(MAX_FORECAST_DAYS),
        temperature_unit: 'celsius',
        wind_speed_unit: 'kmh',
        precipitation_unit: 'mm'
      }).toString()
      const answer = readForecast(await getJson(url, http('Open-Meteo forecast', signal)))
      const { daily } = answer
      const days = daily.time.map((date, index): ProviderDay => defined<ProviderDay>({ date }, {
        min: daily.temperature_2m_min?.[index],
        max: daily.temperature_2m_max?.[index],
        precipitationProbability: daily.precipitation_probability_max?.[index],
        precipitationMm: daily.precipitation_sum?.[index],
        windMaxKph: daily.wind_speed_10m_max?.[index],
        code: daily.weather_code?.[index]
      }))
      const forecast: ProviderForecast = defined<ProviderForecast>({ daily: days }, { timeZone: answer.timezone })
      const current = answer.current
      if (current !== undefined && current.temperature_2m !== null) {
        forecast.current = defined<ProviderConditions>({ temperature: current.temperature_2m }, {
          time: current.time,
          feelsLike: current.apparent_temperature,
          humidity: current.relative_humidity_2m,
          windKph: current.wind_speed_10m,
          precipitationMm: current.precipitation,
          code: current.weather_code
        })
      }
      return forecast
    }
  }
}
