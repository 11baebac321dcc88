// get_weather: current conditions and the daily forecast (up to 7 days, metric) for a place, from the
// weather client of lib/weather (Open-Meteo or WeatherAPI.com, cached, behind a circuit breaker). When the
// provider is down, slow or the circuit is open the call fails with an explicit "weather unavailable"
// error: there is no fallback value, so nothing invented can reach the answer. An unknown place is
// "unknown place", as get_datetime says it.

import Type from 'typebox'
import type { WeatherOutcome, WeatherQuery, WeatherReport } from '../../weather/types.js'
import { defineTool, ToolError, type Tool } from './tool.js'

/** What the tool needs of the weather client. */
export interface WeatherLookup {
  lookup: (query: WeatherQuery, signal?: AbortSignal) => Promise<WeatherOutcome>
}

/** The start of every unavailable error, so answers can tell it from other failures. */
export const WEATHER_UNAVAILABLE = 'weather unavailable right now'

const Parameters = Type.Object({
  location: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'City or place, optionally with its region or country ("Barcelona", "Paris, Texas", "Sevilla, España")'
  }),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: 'Days of daily forecast from today (1 = today only); default 3' })),
  language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$', description: 'Language of place names and descriptions, ISO 639-1 ("en", "es"); default "en"' }))
}, { additionalProperties: false })

export function createGetWeather (weather: WeatherLookup): Tool {
  return defineTool({
    name: 'get_weather',
    description: 'Current weather and the daily forecast (up to 7 days, °C, km/h, mm) for a city or place. ' +
      'If it reports the weather as unavailable, say so: never guess the weather.',
    parameters: Parameters,
    async execute (args, ctx): Promise<WeatherReport> {
      const outcome = await weather.lookup(args, ctx.signal)
      switch (outcome.status) {
        case 'ok':
          return outcome.report
        case 'not_found':
          throw new ToolError(`unknown place "${outcome.location}": no city or place by that name was found`)
        case 'unavailable':
          throw new ToolError(`${WEATHER_UNAVAILABLE}: ${outcome.message}`)
      }
    }
  })
}
