// The weather module's vocabulary: what a provider answers (places, forecasts), what the client returns
// (a report, "not found", or "unavailable" with the reason), and the logger it needs. Units are metric
// throughout: °C, km/h, mm, %.

export type ProviderName = 'open-meteo' | 'weatherapi'

export interface Place {
  name: string
  /** state, province or region (Open-Meteo's admin1) */
  region?: string
  country?: string
  /** ISO 3166-1 alpha-2 */
  countryCode?: string
  latitude: number
  longitude: number
  /** IANA time zone, when the geocoder gives it */
  timeZone?: string
}

export interface ProviderConditions {
  /** local time of the observation, YYYY-MM-DDTHH:mm */
  time?: string
  temperature: number
  feelsLike?: number
  humidity?: number
  windKph?: number
  precipitationMm?: number
  /** WMO weather interpretation code */
  code?: number
  /** the provider's own wording, used when the code is not a known WMO code */
  text?: string
}

export interface ProviderDay {
  /** local date, YYYY-MM-DD */
  date: string
  min?: number
  max?: number
  precipitationProbability?: number
  precipitationMm?: number
  windMaxKph?: number
  code?: number
  text?: string
}

export interface ProviderForecast {
  /** IANA time zone of the place, as the forecast API resolved it */
  timeZone?: string
  current?: ProviderConditions
  /** from the place's local today onwards */
  daily: ProviderDay[]
}

/** One weather API. Both calls throw lib/resilience errors on failure; a place that does not exist is []. */
export interface WeatherProvider {
  readonly name: ProviderName
  /** candidate places for a name, best first */
  geocode: (name: string, language: string, signal: AbortSignal) => Promise<Place[]>
  /** current conditions and the daily forecast for the next MAX_FORECAST_DAYS days */
  forecast: (place: Place, signal: AbortSignal) => Promise<ProviderForecast>
}

export const MAX_FORECAST_DAYS = 7

export interface WeatherQuery {
  /** a place name, optionally qualified: "Paris", "Paris, Texas", "Sevilla, España" */
  location: string
  /** days of forecast from today, 1..7; default 3 */
  days?: number
  /** ISO 639-1 code for place names and descriptions ("en", "es"); default "en" */
  language?: string
}

/** The get_weather result: only what the provider said, nothing filled in. */
export interface WeatherReport {
  location: {
    name: string
    region?: string
    country?: string
    countryCode?: string
    latitude: number
    longitude: number
    timeZone?: string
  }
  units: 'metric'
  current?: {
    time?: string
    temperature: number
    feelsLike?: number
    humidity?: number
    windKph?: number
    precipitationMm?: number
    description?: string
  }
  daily: Array<{
    date: string
    min?: number
    max?: number
    description?: string
    precipitationProbability?: number
    precipitationMm?: number
    windMaxKph?: number
  }>
  source: ProviderName
  /** when the provider answered; forecasts are cached for up to ten minutes */
  fetchedAt: string
}

export type UnavailableReason = 'circuit_open' | 'timeout' | 'upstream_error' | 'bad_response' | 'network_error' | 'failed'

export type WeatherOutcome =
  | { status: 'ok', report: WeatherReport }
  | { status: 'not_found', location: string }
  | { status: 'unavailable', reason: UnavailableReason, message: string }

export interface WeatherLogger {
  debug: (obj: object, msg: string) => void
  info: (obj: object, msg: string) => void
  warn: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
}
