// Turns tool results into the offline assistant's answer, in the language of the question. Facts
// come only from the tool results; wording comes from the phrasebooks.

import { countryName } from '../places.js'
import type { DateTimeResult } from '../tools/get-datetime.js'
import type { HolidaysResult } from '../tools/get-holidays.js'
import type { ToolResult } from '../types.js'
import { addDaysIso, isIsoDate, utcDateOf } from '../zoned-time.js'
import { WEATHER_UNAVAILABLE } from '../tools/get-weather.js'
import { clockTime, dayAndMonth, longDate, monthAndYear, sameName, titleCase } from './format.js'
import type { Intent, ParsedMessage } from './intent.js'
import type { Phrasebook, WeatherLine } from './phrases.js'
import { english } from './phrases-en.js'
import { spanish } from './phrases-es.js'
import type { Language } from './vocabulary.js'
import { readWeather, type WeatherView } from './weather-view.js'

export interface ToolRun {
  name: string
  arguments: Record<string, unknown>
  result: ToolResult
}

type DatetimeIntent = Extract<Intent, { kind: 'datetime' }>
type HolidaysIntent = Extract<Intent, { kind: 'holidays' }>
type WeatherIntent = Extract<Intent, { kind: 'weather' }>

const PHRASEBOOKS: Record<Language, Phrasebook> = { en: english, es: spanish }

export function phrasebook (language: Language): Phrasebook {
  return PHRASEBOOKS[language]
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

function isDateTime (value: unknown): value is DateTimeResult {
  return isRecord(value) && typeof value.date === 'string' && typeof value.time === 'string' && typeof value.timeZone === 'string' &&
    typeof value.utcOffset === 'string' && typeof value.location === 'string'
}

function isHolidays (value: unknown): value is HolidaysResult {
  return isRecord(value) && Array.isArray(value.holidays) && typeof value.countryName === 'string' && typeof value.total === 'number' &&
    typeof value.from === 'string'
}

function askedText (run: ToolRun, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = run.arguments[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return undefined
}

/** The user's words for a place, minus any ", Country" qualifier, capitalised. */
const spoken = (text: string): string => titleCase((text.split(',')[0] ?? text).trim())

function zonePlace (text: string, result: DateTimeResult, language: Language): string {
  if (result.countryCode === undefined) return result.location
  const comma = result.location.lastIndexOf(', ')
  const country = countryName(result.countryCode, language)
  if (comma === -1) return country
  const name = result.location.slice(0, comma)
  return `${sameName(spoken(text), name) ? name : spoken(text)} (${country})`
}

function holidayPlace (text: string, result: HolidaysResult): string {
  if (result.city !== undefined) {
    const city = sameName(spoken(text), result.city) ? result.city : spoken(text)
    return `${city} (${result.regionName === undefined ? '' : `${result.regionName}, `}${result.countryName})`
  }
  if (result.regionName !== undefined) {
    const code = /^[a-z]{2}([-/ ][a-z0-9]{1,6})*$/i.test(text) && text.length <= 10
    return `${code ? result.regionName : spoken(text)} (${result.countryName})`
  }
  return result.countryName
}

function failure (phrases: Phrasebook, error: string, place: string | undefined, unknown: (place: string) => string): string {
  if (place !== undefined && /^unknown (place|country|region)/.test(error)) return unknown(place)
  return phrases.toolFailed(error)
}

function renderDatetime (intent: DatetimeIntent, run: ToolRun, language: Language): string {
  const phrases = phrasebook(language)
  const text = askedText(run, 'location', 'timezone')
  if (!run.result.ok) return failure(phrases, run.result.error, text, phrases.unknownPlace)
  const result = run.result.result
  if (!isDateTime(result)) return phrases.toolFailed('unexpected result')
  const place = text === undefined ? undefined : zonePlace(text, result, language)
  const hour = Number(result.time.slice(0, 2))
  const time = clockTime(result.date, result.time, language)
  const severalZones = result.note !== undefined
  if (intent.want === 'zone' && place !== undefined) {
    return phrases.zone({ place, zone: result.timeZone, offset: result.utcOffset, time, hour })
  }
  if (intent.want === 'date') {
    const date = longDate(addDaysIso(result.date, intent.dayOffset), language)
    return phrases.date({ ...(place === undefined ? {} : { place }), date, dayOffset: intent.dayOffset, severalZones })
  }
  return phrases.time({
    ...(place === undefined ? {} : { place }),
    time,
    hour,
    date: longDate(result.date, language),
    zone: result.timeZone,
    offset: result.utcOffset,
    severalZones
  })
}

function renderHolidays (intent: HolidaysIntent, run: ToolRun, language: Language): string {
  const phrases = phrasebook(language)
  const text = askedText(run, 'country') ?? ''
  if (!run.result.ok) return failure(phrases, run.result.error, text, phrases.unknownHolidayPlace)
  const result = run.result.result
  if (!isHolidays(result)) return phrases.toolFailed('unexpected result')
  const { when } = intent
  const withYear = when.type === 'next' || when.type === 'upcoming'
  const period = when.type === 'month' ? monthAndYear(when.year, when.month, language) : when.type === 'year' ? String(when.year) : ''
  return phrases.holidays({
    place: holidayPlace(text, result),
    when,
    period,
    day: longDate(result.from, language),
    items: result.holidays.map((holiday) => ({ date: dayAndMonth(holiday.date, language, withYear), name: holiday.name })),
    more: when.type === 'next' ? 0 : result.total - result.holidays.length
  })
}

/** "Barcelona (Spain)" from the report, so the answer shows which place the weather is for. */
function weatherPlace (view: WeatherView, asked: string): string {
  if (view.location === undefined) return asked
  return view.country === undefined || sameName(view.country, view.location) ? view.location : `${view.location} (${view.country})`
}

const isWeekend = (date: string | undefined): boolean => {
  if (date === undefined || !isIsoDate(date)) return false
  const weekday = utcDateOf(date).getUTCDay()
  return weekday === 0 || weekday === 6
}

/** Days of the report the question is about: dayOffset..days-1, or the weekend among them. */
function daysAsked (intent: WeatherIntent, view: WeatherView): number[] {
  const indexes: number[] = []
  for (let index = intent.dayOffset; index < Math.min(intent.days, view.days.length); index++) indexes.push(index)
  if (!intent.weekend) return indexes
  const weekend = indexes.filter((index) => isWeekend(view.days[index]?.date))
  // A forecast that does not reach the weekend still shows the days it has, each with its date.
  return weekend.length > 0 ? weekend : indexes
}

function renderWeather (intent: WeatherIntent, run: ToolRun, language: Language): string {
  const phrases = phrasebook(language)
  const asked = spoken(askedText(run, 'location') ?? '')
  if (!run.result.ok) {
    const error = run.result.error
    if (/^unknown place/.test(error)) return phrases.unknownWeatherPlace(asked)
    const reason = error.startsWith(`${WEATHER_UNAVAILABLE}: `) ? error.slice(WEATHER_UNAVAILABLE.length + 2) : error
    return phrases.weatherUnavailable(asked, reason)
  }
  const view = readWeather(run.result.result)
  const place = weatherPlace(view, asked)
  const label = (index: number, date: string | undefined): string =>
    index === 0 ? phrases.today : index === 1 ? phrases.tomorrow : date === undefined ? `+${index}` : dayAndMonth(date, language, false)
  const days: WeatherLine[] = []
  for (const index of daysAsked(intent, view)) {
    const day = view.days[index]
    if (day === undefined) continue
    const line: WeatherLine = { label: label(index, day.date) }
    if (day.min !== undefined) line.min = day.min
    if (day.max !== undefined) line.max = day.max
    if (day.description !== undefined) line.description = day.description
    if (day.precipitationProbability !== undefined) line.precipitationProbability = day.precipitationProbability
    days.push(line)
  }
  const current = intent.dayOffset === 0 && !intent.weekend ? view.current : undefined
  if (days.length === 0 && (current?.temperature === undefined && current?.description === undefined)) return phrases.weatherUnreadable(place)
  return phrases.weather({ place, unit: view.unit, ...(current === undefined ? {} : { current }), days })
}

/** The answer for a parsed question, given the results of the tools it called (maybe none). */
export function renderAnswer (parsed: ParsedMessage, runs: readonly ToolRun[], available: ReadonlySet<string>): string {
  const { intent, language } = parsed
  const phrases = phrasebook(language)
  const weather = available.has('get_weather')
  const body = ((): string => {
    switch (intent.kind) {
      case 'greeting': return phrases.greeting(weather)
      case 'help': return phrases.help(weather)
      case 'thanks': return phrases.thanks
      case 'unknown': return phrases.noModel(weather)
      case 'datetime': {
        const mine = runs.filter((run) => run.name === 'get_datetime')
        return mine.length === 0 ? phrases.toolMissing : mine.map((run) => renderDatetime(intent, run, language)).join('\n')
      }
      case 'holidays': {
        if (intent.places.length === 0) return phrases.askHolidayPlace
        const mine = runs.filter((run) => run.name === 'get_holidays')
        return mine.length === 0 ? phrases.toolMissing : mine.map((run) => renderHolidays(intent, run, language)).join('\n\n')
      }
      case 'weather': {
        if (!weather) return phrases.weatherNotConfigured
        if (intent.places.length === 0) return phrases.askWeatherPlace
        const mine = runs.filter((run) => run.name === 'get_weather')
        return mine.length === 0 ? phrases.toolMissing : mine.map((run) => renderWeather(intent, run, language)).join('\n\n')
      }
    }
  })()
  return parsed.greeting ? `${phrases.hello} ${body}` : body
}
