// One shared, lazily created date-holidays instance for the catalogue of countries, states and
// regions (names in several languages), plus a bounded cache of per-place instances: building one
// costs milliseconds, and a year's holidays for a place never change.

import type Holidays from 'date-holidays'
import type { HolidaysTypes } from 'date-holidays'
import { lazyModule } from './lazy-module.js'

const holidaysClass = lazyModule<typeof Holidays>('date-holidays')

export interface HolidayPlaceCode {
  country: string
  state?: string
  region?: string
}

export interface HolidayEntry {
  date: string
  name: string
  type: HolidaysTypes.HolidayType
}

const MAX_CACHED_PLACES = 256
const MAX_CACHED_YEARS = 2048

let catalog: Holidays | undefined
const places = new Map<string, Holidays>()
const years = new Map<string, readonly HolidayEntry[]>()

export function holidayCatalog (): Holidays {
  const HolidaysClass = holidaysClass()
  catalog ??= new HolidaysClass()
  return catalog
}

/** Country code -> name; undefined language means the data set's default (native) names. */
export function holidayCountries (language?: string): Record<string, string> {
  return holidayCatalog().getCountries(language)
}

export function holidayStates (country: string, language?: string): Record<string, string> {
  return holidayCatalog().getStates(country, language) ?? {}
}

export function holidayRegions (country: string, state: string, language?: string): Record<string, string> {
  return holidayCatalog().getRegions(country, state, language) ?? {}
}

function remember<V> (cache: Map<string, V>, key: string, value: V, max: number): V {
  if (cache.size >= max) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  cache.set(key, value)
  return value
}

function placeKeyOf (place: HolidayPlaceCode): string {
  return [place.country, place.state ?? '', place.region ?? ''].join('/')
}

function instanceFor (place: HolidayPlaceCode): Holidays {
  const key = placeKeyOf(place)
  const cached = places.get(key)
  if (cached !== undefined) return cached
  const options: HolidaysTypes.Options = { types: ['public'] }
  const HolidaysClass = holidaysClass()
  const instance = place.state === undefined
    ? new HolidaysClass(place.country, options)
    : place.region === undefined
      ? new HolidaysClass(place.country, place.state, options)
      : new HolidaysClass(place.country, place.state, place.region, options)
  return remember(places, key, instance, MAX_CACHED_PLACES)
}

/** Public holidays of one calendar year, with names in `language` when the data has them. */
export function publicHolidays (place: HolidayPlaceCode, year: number, language: string): readonly HolidayEntry[] {
  const key = `${placeKeyOf(place)}|${year}|${language}`
  const cached = years.get(key)
  if (cached !== undefined) return cached
  const seen = new Set<string>()
  const entries: HolidayEntry[] = []
  for (const holiday of instanceFor(place).getHolidays(year, language)) {
    const date = holiday.date.slice(0, 10)
    const id = `${date}|${holiday.name}`
    if (seen.has(id)) continue
    seen.add(id)
    entries.push(Object.freeze({ date, name: holiday.name, type: holiday.type }))
  }
  entries.sort((a, b) => a.date.localeCompare(b.date))
  return remember(years, key, Object.freeze(entries), MAX_CACHED_YEARS)
}

/** The place's time zones as date-holidays lists them (first one is the main zone). */
export function holidayTimeZones (place: HolidayPlaceCode): string[] {
  return instanceFor(place).getTimezones()
}
