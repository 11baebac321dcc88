// WeatherAPI.com (https://www.weatherapi.com), used when WEATHER_API_KEY is set: search.json finds the
// place, forecast.json?q=lat,lon gives current conditions and the daily forecast. The key travels as the
// `key` query parameter, as the API requires, so it is only ever sent over HTTPS, and any error that could
// quote the request has it replaced before the error leaves this file.

import Type from 'typebox'
import type { Dispatcher } from 'undici'
import { wmoFromWeatherApi } from './conditions.js'
import { answerReader, defined } from './answers.js'
import { endpoint, getJson } from './http.js'
import { MAX_FORECAST_DAYS, type Place, type ProviderConditions, type ProviderDay, type ProviderForecast, type WeatherProvider } from './types.js'

export const WEATHERAPI_URL = 'https://api.weatherapi.com/v1'

const Condition = Type.Optional(Type.Object({ text: Type.Optional(Type.String()), code: Type.Optional(Type.Number()) }))
// Older answers carried some numbers as strings ("daily_chance_of_rain": "86").
const Numeric = Type.Optional(Type.Union([Type.Number(), Type.String()]))

const SearchAnswer = Type.Array(Type.Object({
  name: Type.String(),
  region: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
  lat: Type.Number(),
  lon: Type.Number()
}))

const ForecastAnswer = Type.Object({
  location: Type.Optional(Type.Object({ tz_id: Type.Optional(Type.String()) })),
  current: Type.Optional(Type.Object({
    last_updated: Type.Optional(Type.String()),
    temp_c: Type.Number(),
    feelslike_c: Numeric,
    humidity: Numeric,
    wind_kph: Numeric,
    precip_mm: Numeric,
    condition: Condition
  })),
  forecast: Type.Object({
    forecastday: Type.Array(Type.Object({
      date: Type.String(),
      day: Type.Object({
        mintemp_c: Numeric,
        maxtemp_c: Numeric,
        daily_chance_of_rain: Numeric,
        totalprecip_mm: Numeric,
        maxwind_kph: Numeric,
        condition: Condition
      })
    }))
  })
})

function numeric (value: number | string | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (value === undefined || value.trim() === '') return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}

export interface WeatherApiOptions {
  dispatcher: Dispatcher
  apiKey: string
  baseUrl?: string
  now?: () => number
  userAgent: string
}

export function createWeatherApiProvider (options: WeatherApiOptions): WeatherProvider {
  const base = options.baseUrl ?? WEATHERAPI_URL
  if (new URL(base).protocol !== 'https:') throw new TypeError('the WeatherAPI.com key is only sent over HTTPS, and the base URL is not https')
  const now = options.now ?? Date.now
  const readSearch = answerReader(SearchAnswer, 'WeatherAPI.com search')
  const readForecast = answerReader(ForecastAnswer, 'WeatherAPI.com forecast')

  async function get (path: string, params: Record<string, string>, service: string, signal: AbortSignal): Promise<unknown> {
    const url = endpoint(base, path)
    url.search = new URLSearchParams({ key: options.apiKey, ...params }).toString()
    try {
      return await getJson(url, { dispatcher: options.dispatcher, service, signal, now, userAgent: options.userAgent })
    } catch (error) {
      throw scrubbed(error, options.apiKey)
    }
  }

  return {
    name: 'weatherapi',

    async geocode (name, _language, signal) {
      const answer = readSearch(await get('search.json', { q: name }, 'WeatherAPI.com search', signal))
      return answer.map((result): Place => defined<Place>({ name: result.name, latitude: result.lat, longitude: result.lon }, {
        region: result.region === '' ? undefined : result.region,
        country: result.country
      }))
    },

    async forecast (place, signal) {
      const params = { q: `${place.latitude},${place.longitude}`, days: String(MAX_FORECAST_DAYS), aqi: 'no', alerts: 'no' }
      const answer = readForecast(await get('forecast.json', params, 'WeatherAPI.com forecast', signal))
      const days = answer.forecast.forecastday.map(({ date, day }): ProviderDay => defined<ProviderDay>({ date }, {
        min: numeric(day.mintemp_c),
        max: numeric(day.maxtemp_c),
        precipitationProbability: numeric(day.daily_chance_of_rain),
        precipitationMm: numeric(day.totalprecip_mm),
        windMaxKph: numeric(day.maxwind_kph),
        code: wmoFromWeatherApi(day.condition?.code),
        text: day.condition?.text
      }))
      const forecast = defined<ProviderForecast>({ daily: days }, { timeZone: answer.location?.tz_id })
      const current = answer.current
      if (current !== undefined) {
        forecast.current = defined<ProviderConditions>({ temperature: current.temp_c }, {
          time: current.last_updated?.replace(' ', 'T'),
          feelsLike: numeric(current.feelslike_c),
          humidity: numeric(current.humidity),
          windKph: numeric(current.wind_kph),
          precipitationMm: numeric(current.precip_mm),
          code: wmoFromWeatherApi(current.condition?.code),
          text: current.condition?.text
        })
      }
      return forecast
    }
  }
}

/** The same error with the key cut out of its message and its causes' messages. */
function scrubbed (error: unknown, secret: string): unknown {
  let current: unknown = error
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current.message.includes(secret)) current.message = current.message.replaceAll(secret, '[redacted]')
    if (current.stack?.includes(secret) === true) current.stack = current.stack.replaceAll(secret, '[redacted]')
    current = current.cause
  }
  return error
}
