// What a phrasebook says. Values arrive already formatted for the language (dates, times, place
// names), so English and Spanish differ only in wording.

import type { HolidayWhen } from './intent.js'

export interface TimeView {
  /** undefined when no place was asked: the answer is for UTC */
  place?: string
  time: string
  /** hour of day 0-23, for Spanish "es la una" */
  hour: number
  date: string
  zone: string
  offset: string
  /** the place spans several zones */
  severalZones: boolean
}

export interface DateView {
  place?: string
  date: string
  dayOffset: number
  severalZones: boolean
}

export interface ZoneView {
  place: string
  zone: string
  offset: string
  time: string
  hour: number
}

export interface HolidayLine {
  date: string
  name: string
}

export interface HolidaysView {
  place: string
  when: HolidayWhen
  /** "December 2026", "2027" */
  period: string
  /** formatted date asked about, for `day` questions */
  day: string
  items: HolidayLine[]
  /** holidays left out by the limit */
  more: number
}

export interface WeatherLine {
  /** "Today", "Tomorrow", or a formatted date */
  label: string
  min?: number
  max?: number
  description?: string
  precipitationProbability?: number
}

export interface WeatherRendering {
  place: string
  unit: 'C' | 'F'
  current?: { temperature?: number, description?: string }
  days: WeatherLine[]
}

export interface Phrasebook {
  hello: string
  greeting: (weather: boolean) => string
  help: (weather: boolean) => string
  thanks: string
  noModel: (weather: boolean) => string
  time: (view: TimeView) => string
  date: (view: DateView) => string
  zone: (view: ZoneView) => string
  unknownPlace: (place: string) => string
  unknownHolidayPlace: (place: string) => string
  toolFailed: (error: string) => string
  toolMissing: string
  askHolidayPlace: string
  holidays: (view: HolidaysView) => string
  askWeatherPlace: string
  weatherNotConfigured: string
  /** `reason` is the tool's explanation, in English */
  weatherUnavailable: (place: string, reason: string) => string
  unknownWeatherPlace: (place: string) => string
  weather: (view: WeatherRendering) => string
  weatherUnreadable: (place: string) => string
  today: string
  tomorrow: string
}

/** "12–19°C" style range, or a single value, or nothing. */
export function temperatureRange (min: number | undefined, max: number | undefined, unit: 'C' | 'F', space: string): string | undefined {
  const round = (value: number): string => String(Math.round(value))
  if (min !== undefined && max !== undefined) return `${round(min)}–${round(max)}${space}°${unit}`
  const value = max ?? min
  return value === undefined ? undefined : `${round(value)}${space}°${unit}`
}
