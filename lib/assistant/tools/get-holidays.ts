// get_holidays: public holidays from the offline date-holidays data set, for every country and its
// states/regions. Places are resolved from codes or names in several languages, and cities map
// to their state ("Barcelona" -> ES/CT). "today"/"tomorrow" are the place's local dates, so a
// model that does not know the date can still ask for the next holiday.

import Type from 'typebox'
import { holidayStates, holidayTimeZones, publicHolidays, type HolidayPlaceCode } from '../holiday-catalog.js'
import { countryName, regionName, resolveHolidayPlace, resolveHolidayRegion, stateName } from '../places.js'
import { addDaysIso, isIsoDate, isoDateOf, isValidZone, utcDateOf, zonedParts } from '../zoned-time.js'
import { defineTool, ToolError } from './tool.js'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const DEFAULT_LIMIT = 50
const MAX_YEARS = 10
const DAY_PATTERN = '^(\\d{4}-\\d{2}-\\d{2}|today|tomorrow)$'

export interface HolidayItem {
  date: string
  weekday: typeof WEEKDAYS[number]
  name: string
}

export interface HolidaysResult {
  country: string
  countryName: string
  /** date-holidays state code (ES "CT") */
  region?: string
  regionName?: string
  /** a locality below the region with its own holidays (ES/CT "B" = Barcelona) */
  subregion?: string
  subregionName?: string
  /** the city the question named, when it was a city */
  city?: string
  /** the place's main time zone: "today" is computed there */
  timeZone: string
  today: string
  from: string
  to: string
  holidays: HolidayItem[]
  /** holidays in the range before `limit` applied */
  total: number
  truncated: boolean
}

const Day = (description: string): ReturnType<typeof Type.String> => Type.String({ pattern: DAY_PATTERN, description })

const Parameters = Type.Object({
  country: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'Country code or name ("ES", "Spain", "España"); a region or city also works ("Catalonia", "Barcelona")'
  }),
  region: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'State or region within the country, code or name ("CT", "Catalonia", "Bavaria")'
  })),
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2199, description: 'Calendar year; default the current one' })),
  from: Type.Optional(Day('First day, YYYY-MM-DD, "today" or "tomorrow" (local to the place)')),
  to: Type.Optional(Day('Last day, YYYY-MM-DD, "today" or "tomorrow"')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: `Maximum holidays returned; default ${DEFAULT_LIMIT}` })),
  language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$', description: 'Language of holiday names, ISO 639-1 ("en", "es"); default "en"' }))
}, { additionalProperties: false })

function localDay (value: string, today: string): string {
  if (value === 'today') return today
  if (value === 'tomorrow') return addDaysIso(today, 1)
  if (!isIsoDate(value)) throw new ToolError(`"${value}" is not a real date (YYYY-MM-DD)`)
  return value
}

function range (args: { year?: number, from?: string, to?: string }, today: string): { from: string, to: string } {
  if (args.from === undefined && args.to === undefined) {
    const year = args.year ?? Number(today.slice(0, 4))
    return { from: `${year}-01-01`, to: `${year}-12-31` }
  }
  const from = args.from === undefined
    ? (args.year === undefined ? today : `${args.year}-01-01`)
    : localDay(args.from, today)
  const to = args.to === undefined
    ? (args.year === undefined ? addDaysIso(from, 365) : `${args.year}-12-31`)
    : localDay(args.to, today)
  if (from > to) throw new ToolError(`"from" (${from}) is after "to" (${to})`)
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= MAX_YEARS) throw new ToolError(`ask for at most ${MAX_YEARS} years at a time`)
  return { from, to }
}

function knownRegions (country: string): string {
  const names = Object.entries(holidayStates(country, 'en')).map(([code, name]) => `${name} (${code})`)
  return names.length === 0 ? 'it has no regional holidays' : `known regions: ${names.slice(0, 40).join(', ')}`
}

export const getHolidays = defineTool({
  name: 'get_holidays',
  description: 'Public holidays of a country, or of a region within it, for a year or a date range (offline data set, every country).',
  parameters: Parameters,
  execute (args, ctx): HolidaysResult {
    const resolved = resolveHolidayPlace(args.country)
    if (resolved === undefined) {
      throw new ToolError(`unknown country or place "${args.country}", or no holiday data for it: give a country name or ISO code ("Spain", "ES")`)
    }
    const place: HolidayPlaceCode = { country: resolved.country }
    if (resolved.state !== undefined) place.state = resolved.state
    if (resolved.region !== undefined) place.region = resolved.region
    if (args.region !== undefined) {
      const region = resolveHolidayRegion(resolved.country, args.region)
      if (region === undefined) {
        throw new ToolError(`unknown region "${args.region}" in ${countryName(resolved.country)}; ${knownRegions(resolved.country)}`)
      }
      place.state = region.state
      if (region.region === undefined) delete place.region
      else place.region = region.region
    }
    const language = args.language ?? 'en'
    const zone = holidayTimeZones(place).find(isValidZone) ?? 'UTC'
    const today = isoDateOf(zonedParts(ctx.clock(), zone))
    const { from, to } = range(args, today)
    const matching: HolidayItem[] = []
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      for (const holiday of publicHolidays(place, year, language)) {
        if (holiday.date < from || holiday.date > to) continue
        matching.push({ date: holiday.date, weekday: WEEKDAYS[utcDateOf(holiday.date).getUTCDay()] ?? 'Sunday', name: holiday.name })
      }
    }
    const limit = args.limit ?? DEFAULT_LIMIT
    const result: HolidaysResult = {
      country: place.country,
      countryName: countryName(place.country, language),
      timeZone: zone,
      today,
      from,
      to,
      holidays: matching.slice(0, limit),
      total: matching.length,
      truncated: matching.length > limit
    }
    if (place.state !== undefined) {
      result.region = place.state
      result.regionName = stateName(place.country, place.state, language)
      if (place.region !== undefined) {
        result.subregion = place.region
        result.subregionName = regionName(place.country, place.state, place.region, language)
      }
    }
    if (resolved.city !== undefined && args.region === undefined) result.city = resolved.city
    return result
  }
})
