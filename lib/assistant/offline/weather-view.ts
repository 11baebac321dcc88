// Reads a get_weather result tolerantly. The weather tool is built separately; the offline
// assistant understands this shape (and common synonyms of its fields):
//   { location: string | { name, country? },   (lib/weather's WeatherReport is one)
//     current?: { temperature, description?, feelsLike?, humidity?, windKph? },
//     daily?: [{ date: 'YYYY-MM-DD', min, max, description?, precipitationProbability? }],
//     units?: 'metric' | 'imperial' }
// Nothing is ever made up: fields that are missing are simply not mentioned.

export interface WeatherDay {
  date?: string
  min?: number
  max?: number
  description?: string
  precipitationProbability?: number
}

export interface WeatherView {
  location?: string
  country?: string
  current?: { temperature?: number, description?: string }
  days: WeatherDay[]
  unit: 'C' | 'F'
}

type Fields = Record<string, unknown>

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value)

function numberField (source: Fields, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = source[name]
    if (typeof value === 'number' && Number.isFinite(value)) return value
  }
  return undefined
}

function textField (source: Fields, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = source[name]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    if (isFields(value) && typeof value.text === 'string') return value.text
  }
  return undefined
}

const DESCRIPTION = ['description', 'condition', 'summary', 'conditions', 'text', 'weather']

function readDay (value: unknown): WeatherDay | undefined {
  if (!isFields(value)) return undefined
  const day: WeatherDay = {}
  const date = textField(value, ['date', 'day'])
  if (date !== undefined) day.date = date.slice(0, 10)
  const min = numberField(value, ['min', 'minC', 'temperatureMin', 'tempMin', 'min_c', 'mintemp_c', 'low'])
  if (min !== undefined) day.min = min
  const max = numberField(value, ['max', 'maxC', 'temperatureMax', 'tempMax', 'max_c', 'maxtemp_c', 'high'])
  if (max !== undefined) day.max = max
  const description = textField(value, DESCRIPTION)
  if (description !== undefined) day.description = description
  const rain = numberField(value, ['precipitationProbability', 'precipitation_probability', 'chanceOfRain', 'daily_chance_of_rain', 'precipitationChance'])
  if (rain !== undefined) day.precipitationProbability = rain
  return day
}

export function readWeather (result: unknown): WeatherView {
  const view: WeatherView = { days: [], unit: 'C' }
  if (!isFields(result)) return view
  if (result.units === 'imperial' || result.unit === 'F') view.unit = 'F'
  const location = result.location
  if (typeof location === 'string') view.location = location
  else if (isFields(location)) {
    const name = textField(location, ['name', 'city'])
    if (name !== undefined) view.location = name
    const country = textField(location, ['country'])
    if (country !== undefined) view.country = country
  }
  const current = result.current
  if (isFields(current)) {
    const temperature = numberField(current, ['temperature', 'temperatureC', 'temp', 'temp_c'])
    const description = textField(current, DESCRIPTION)
    view.current = {}
    if (temperature !== undefined) view.current.temperature = temperature
    if (description !== undefined) view.current.description = description
  }
  const daily = result.daily ?? result.forecast ?? result.days
  if (Array.isArray(daily)) {
    for (const value of daily) {
      const day = readDay(value)
      if (day !== undefined) view.days.push(day)
    }
  }
  return view
}
