// Resolves what people type ("Tokyo", "Nueva York", "UTC+2", "Cataluña", "Barcelona", "España")
// into an IANA zone for get_datetime or a date-holidays place for get_holidays. Indexes are built
// once, lazily, from city-timezones, date-holidays and Intl.DisplayNames.

import { cityMapping, type CityData } from 'city-timezones'
import { holidayCountries, holidayRegions, holidayStates, holidayTimeZones, type HolidayPlaceCode } from './holiday-catalog.js'
import { CITY_ALIASES, COUNTRY_ALIASES, COUNTRY_NAME_LANGUAGES, STATE_ALIASES, ZONE_ABBREVIATIONS } from './place-aliases.js'
import { placeKey } from './text.js'
import { fixedOffsetZone, isValidZone } from './zoned-time.js'

export interface ZonePlace {
  timeZone: string
  /** English label: "Tokyo, Japan", "Catalonia, Spain", "UTC+02:00" */
  label: string
  source: 'zone' | 'offset' | 'city' | 'country' | 'region'
  countryCode?: string
  /** set when a country or region spans several zones and one was chosen */
  note?: string
}

export interface HolidayPlace extends HolidayPlaceCode {
  source: 'code' | 'country' | 'state' | 'city'
  /** the city the query named, when it was a city */
  city?: string
}

interface StateRef {
  country: string
  state: string
  curated: boolean
}

interface Indexes {
  zones: Map<string, string>
  countries: Map<string, string>
  holidayCountryCodes: Set<string>
  cities: Map<string, CityData[]>
  provinces: Map<string, CityData[]>
  countryCities: Map<string, CityData[]>
  countryPopulation: Map<string, number>
  states: Map<string, StateRef[]>
}

const OFFSET = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/
let indexes: Indexes | undefined

function push<V> (map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

function keysOf (name: string): string[] {
  const key = placeKey(name)
  if (key === '') return []
  return key.startsWith('the ') ? [key, key.slice(4)] : [key]
}

function displayName (names: Intl.DisplayNames, code: string): string | undefined {
  try {
    return names.of(code)
  } catch {
    return undefined
  }
}

function buildIndexes (): Indexes {
  // ICU lists some zones under old names (Asia/Calcutta); city-timezones uses the current ones
  // (Asia/Kolkata). Both spellings are accepted and answered as written.
  const zones = new Map<string, string>()
  for (const zone of Intl.supportedValuesOf('timeZone')) zones.set(zone.toLowerCase(), zone)
  for (const city of cityMapping) {
    if (typeof city.timezone === 'string' && isValidZone(city.timezone)) zones.set(city.timezone.toLowerCase(), city.timezone)
  }

  const cities = new Map<string, CityData[]>()
  const provinces = new Map<string, CityData[]>()
  const countryCities = new Map<string, CityData[]>()
  const countryPopulation = new Map<string, number>()
  const usable = cityMapping
    .filter((city) => typeof city.timezone === 'string' && isValidZone(city.timezone))
    .sort((a, b) => b.pop - a.pop)
  for (const city of usable) {
    const names = new Set([...keysOf(city.city), ...keysOf(city.city_ascii)])
    for (const key of names) push(cities, key, city)
    if (city.province !== '') push(provinces, placeKey(city.province), city)
    push(countryCities, city.iso2, city)
    countryPopulation.set(city.iso2, (countryPopulation.get(city.iso2) ?? 0) + city.pop)
  }

  const holidayCountryCodes = new Set(Object.keys(holidayCountries()))
  const codes = new Set([...holidayCountryCodes, ...countryCities.keys()])
  const countries = new Map<string, string>()
  const displayNames = COUNTRY_NAME_LANGUAGES.map((language) => new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }))
  const nativeNames = holidayCountries()
  const englishNames = holidayCountries('en')
  for (const code of codes) {
    const names = [nativeNames[code], englishNames[code], ...displayNames.map((names) => displayName(names, code))]
    for (const name of names) {
      if (name === undefined) continue
      for (const key of keysOf(name)) if (!countries.has(key)) countries.set(key, code)
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countries.set(alias, code)

  const states = new Map<string, StateRef[]>()
  for (const country of holidayCountryCodes) {
    const seen = new Set<string>()
    for (const language of [undefined, 'en', 'es']) {
      for (const [state, name] of Object.entries(holidayStates(country, language))) {
        for (const key of keysOf(name)) {
          if (seen.has(`${key}|${state}`)) continue
          seen.add(`${key}|${state}`)
          push(states, key, { country, state, curated: false })
        }
      }
    }
  }
  for (const [country, aliases] of Object.entries(STATE_ALIASES)) {
    for (const [alias, state] of Object.entries(aliases)) push(states, alias, { country, state, curated: true })
  }
  return { zones, countries, holidayCountryCodes, cities, provinces, countryCities, countryPopulation, states }
}

function index (): Indexes {
  indexes ??= buildIndexes()
  return indexes
}

/** Builds the lookup indexes (and loads the holiday data set they use) now instead of on the first question. */
export function preloadPlaces (): void {
  index()
}

const countryNamers = new Map<string, Intl.DisplayNames>()

/** Country name from the ISO code in a language (falls back to the code). */
export function countryName (code: string, language = 'en'): string {
  try {
    let namer = countryNamers.get(language)
    if (namer === undefined) {
      namer = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' })
      countryNamers.set(language, namer)
    }
    return namer.of(code) ?? code
  } catch {
    return code
  }
}

function bestState (refs: readonly StateRef[], country?: string): StateRef | undefined {
  const candidates = country === undefined ? refs : refs.filter((ref) => ref.country === country)
  const population = index().countryPopulation
  return [...candidates].sort((a, b) =>
    Number(b.curated) - Number(a.curated) ||
    (population.get(b.country) ?? 0) - (population.get(a.country) ?? 0))[0]
}

function cityCandidates (key: string): CityData[] {
  const { cities } = index()
  const alias = CITY_ALIASES[key]
  if (alias !== undefined) {
    const [cityKey = key, country] = alias.split('|')
    const found = cities.get(cityKey) ?? []
    const preferred = country === undefined ? [] : found.filter((city) => city.iso2 === country)
    return [...preferred, ...found.filter((city) => !preferred.includes(city))]
  }
  return cities.get(key) ?? []
}

function countryCode (text: string, caseSensitiveCode: boolean): string | undefined {
  const trimmed = text.trim()
  const { countries, countryCities, holidayCountryCodes } = index()
  if (/^[a-z]{2}$/i.test(trimmed) && (!caseSensitiveCode || trimmed === trimmed.toUpperCase())) {
    const code = trimmed.toUpperCase()
    if (countryCities.has(code) || holidayCountryCodes.has(code)) return code
  }
  for (const key of keysOf(trimmed)) {
    const code = countries.get(key)
    if (code !== undefined) return code
  }
  return undefined
}

/** Cities named `cityText`, narrowed to a country or province named `qualifier` when given. */
function findCity (cityText: string, qualifier?: string): CityData | undefined {
  const candidates = cityCandidates(placeKey(cityText))
  if (qualifier === undefined) return candidates[0]
  const code = countryCode(qualifier, false)
  const qualifierKey = placeKey(qualifier)
  return candidates.find((city) => city.iso2 === code || placeKey(city.province) === qualifierKey)
}

function cityLabel (city: CityData): string {
  return `${city.city}, ${countryName(city.iso2)}`
}

function zoneOfCity (city: CityData): ZonePlace {
  return { timeZone: city.timezone, label: cityLabel(city), source: 'city', countryCode: city.iso2 }
}

function parseOffset (text: string): string | undefined {
  const compact = text.toLowerCase().replace(/\s+/g, '')
  const match = OFFSET.exec(compact)
  if (match === null) return undefined
  const hours = Number(match[2])
  const minutes = Number(match[3] ?? '0')
  if (minutes >= 60) return undefined
  const total = (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
  if (total < -12 * 60 || total > 14 * 60) return undefined
  return fixedOffsetZone(total)
}

function canonicalZone (text: string): string | undefined {
  const trimmed = text.trim().replace(/\s+/g, '_')
  const known = index().zones.get(trimmed.toLowerCase())
  if (known !== undefined) return known
  if (!trimmed.includes('/') || !isValidZone(trimmed)) return undefined
  return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone
}

function zoneOfCountry (code: string): ZonePlace | undefined {
  const top = index().countryCities.get(code)
  if (top === undefined || top[0] === undefined) return undefined
  const zones = new Set(top.map((city) => city.timezone))
  const name = countryName(code)
  const place: ZonePlace = { timeZone: top[0].timezone, label: name, source: 'country', countryCode: code }
  if (zones.size > 1) place.note = `${name} spans several time zones; this is the zone of ${top[0].city}`
  return place
}

/**
 * An IANA zone for a zone name ("Asia/Tokyo", "utc"), a fixed offset ("UTC+2", "GMT-05:30"), an
 * abbreviation ("PST"), a country, a city ("Tokyo", "Nueva York", "London, Canada") or a region
 * ("Catalonia", "California"). Undefined when nothing matches.
 */
export function resolveZone (query: string): ZonePlace | undefined {
  const text = query.trim()
  if (text === '') return undefined
  const offset = parseOffset(text)
  if (offset !== undefined) return { timeZone: offset, label: offset, source: 'offset' }
  const zone = canonicalZone(text)
  if (zone !== undefined) return { timeZone: zone, label: zone, source: 'zone' }
  const key = placeKey(text)
  const abbreviation = ZONE_ABBREVIATIONS[key]
  if (abbreviation !== undefined) return { timeZone: abbreviation, label: text.toUpperCase(), source: 'zone' }

  const comma = text.indexOf(',')
  if (comma > 0) {
    const city = findCity(text.slice(0, comma), text.slice(comma + 1))
    if (city !== undefined) return zoneOfCity(city)
  }
  const code = countryCode(text, true)
  if (code !== undefined) {
    const place = zoneOfCountry(code)
    if (place !== undefined) return place
  }
  const city = findCity(text)
  if (city !== undefined) return zoneOfCity(city)

  const state = bestState(index().states.get(key) ?? [])
  if (state !== undefined) {
    const [timeZone] = holidayTimeZones(state)
    if (timeZone !== undefined && isValidZone(timeZone)) {
      const name = holidayStates(state.country, 'en')[state.state] ?? state.state
      return { timeZone, label: `${name}, ${countryName(state.country)}`, source: 'region', countryCode: state.country }
    }
  }
  const provinceCity = index().provinces.get(key)?.[0]
  if (provinceCity !== undefined) {
    return { timeZone: provinceCity.timezone, label: `${provinceCity.province}, ${countryName(provinceCity.iso2)}`, source: 'region', countryCode: provinceCity.iso2 }
  }
  return undefined
}

/** The date-holidays state of a country whose name (any indexed language) or code matches. */
function stateOf (country: string, text: string): string | undefined {
  const trimmed = text.trim()
  const states = holidayStates(country)
  const upper = trimmed.toUpperCase()
  if (states[upper] !== undefined) return upper
  return bestState(index().states.get(placeKey(trimmed)) ?? [], country)?.state
}

function holidayPlaceOfCity (city: CityData): HolidayPlace | undefined {
  if (!index().holidayCountryCodes.has(city.iso2)) return undefined
  const state = city.province === '' ? undefined : stateOf(city.iso2, city.province)
  const place: HolidayPlace = { country: city.iso2, source: 'city', city: city.city }
  if (state === undefined) return place
  place.state = state
  // date-holidays has local holidays for some cities (ES/CT/B is Barcelona's La Mercè).
  const region = regionOf(city.iso2, state, city.city) ?? regionOf(city.iso2, state, city.city_ascii)
  if (region !== undefined) place.region = region
  return place
}

/**
 * A date-holidays place for a country code ("ES", "es-ct", "DE/BY"), a country name in several
 * languages ("Spain", "España"), a state or region name ("Catalonia", "Cataluña", "Bavaria") or a
 * city ("Barcelona" -> ES/CT). Undefined when nothing matches or the country has no holiday data.
 */
export function resolveHolidayPlace (query: string): HolidayPlace | undefined {
  const text = query.trim()
  if (text === '') return undefined
  const { holidayCountryCodes, states } = index()
  const coded = /^([a-z]{2})(?:[-/ ]([a-z0-9]{1,4}))?(?:[-/ ]([a-z0-9]{1,6}))?$/i.exec(text)
  if (coded !== null && holidayCountryCodes.has((coded[1] ?? '').toUpperCase())) {
    const place: HolidayPlace = { country: (coded[1] ?? '').toUpperCase(), source: 'code' }
    const region = resolveHolidayRegion(place.country, [coded[2], coded[3]].filter((part) => part !== undefined).join('/'))
    if (coded[2] !== undefined && region === undefined) return undefined
    return { ...place, ...region }
  }
  const comma = text.indexOf(',')
  if (comma > 0) {
    const city = findCity(text.slice(0, comma), text.slice(comma + 1))
    if (city !== undefined) return holidayPlaceOfCity(city)
  }
  const code = countryCode(text, false)
  if (code !== undefined) return holidayCountryCodes.has(code) ? { country: code, source: 'country' } : undefined
  const state = bestState(states.get(placeKey(text)) ?? [])
  if (state !== undefined) return { country: state.country, state: state.state, source: 'state' }
  const city = findCity(text)
  return city === undefined ? undefined : holidayPlaceOfCity(city)
}

/**
 * A state (and optionally a region below it) of `country` from a code ("CT", "BY/A"), a name
 * ("Catalonia", "Bayern") or a region name known to date-holidays. Undefined when none matches.
 */
export function resolveHolidayRegion (country: string, query: string): { state: string, region?: string } | undefined {
  const text = query.trim()
  if (text === '') return undefined
  const [first = '', second] = text.split('/')
  const state = stateOf(country, first)
  if (state !== undefined) {
    if (second === undefined) return { state }
    const region = regionOf(country, state, second)
    return region === undefined ? undefined : { state, region }
  }
  for (const candidate of Object.keys(holidayStates(country))) {
    const region = regionOf(country, candidate, text)
    if (region !== undefined) return { state: candidate, region }
  }
  const city = findCity(text, country)
  if (city !== undefined && city.iso2 === country && city.province !== '') {
    const cityState = stateOf(country, city.province)
    if (cityState !== undefined) return { state: cityState }
  }
  return undefined
}

function regionOf (country: string, state: string, text: string): string | undefined {
  const regions = holidayRegions(country, state)
  const upper = text.trim().toUpperCase()
  if (regions[upper] !== undefined) return upper
  const key = placeKey(text)
  for (const [code, name] of Object.entries(regions)) if (placeKey(name) === key) return code
  return undefined
}

/** Name of a state of a country in a language (data set default when the language is missing). */
export function stateName (country: string, state: string, language = 'en'): string {
  return holidayStates(country, language)[state] ?? holidayStates(country)[state] ?? state
}

/** Name of a region below a state. */
export function regionName (country: string, state: string, region: string, language = 'en'): string {
  return holidayRegions(country, state, language)[region] ?? holidayRegions(country, state)[region] ?? region
}
