// Turns a message into what the offline assistant should do. Matching runs on folded tokens, so
// accents, case and punctuation do not matter ("¿Qué hora es?" = "que hora es").

import { resolveHolidayPlace, resolveZone } from '../places.js'
import { findPlaces, type FoundPlace } from './place-finder.js'
import { detectLanguage } from './language.js'
import { tokenize, type Token } from './tokens.js'
import { MONTHS, ENGLISH_ONLY_MONTHS, type Language } from './vocabulary.js'

export type DatetimeWant = 'time' | 'date' | 'datetime' | 'zone'

export type HolidayWhen =
  | { type: 'next', count: number }
  | { type: 'day', offset: number }
  | { type: 'month', year: number, month: number }
  | { type: 'year', year: number }
  | { type: 'upcoming' }

export type Intent =
  | { kind: 'datetime', want: DatetimeWant, places: FoundPlace[], dayOffset: number }
  | { kind: 'holidays', places: FoundPlace[], when: HolidayWhen }
  // Days are counted from the place's today: the answer covers days dayOffset..days-1, or only the
  // Saturday and Sunday among them for a weekend question.
  | { kind: 'weather', places: FoundPlace[], dayOffset: number, days: number, weekend: boolean }
  | { kind: 'greeting' }
  | { kind: 'help' }
  | { kind: 'thanks' }
  | { kind: 'unknown' }

export interface ParsedMessage {
  language: Language
  /** the message opens with a greeting (answered before the rest) */
  greeting: boolean
  intent: Intent
}

const HOLIDAY = /\b(holidays?|bank holidays?|festivos?|feriados?|fiestas? (nacional|nacionales|oficial|oficiales|locales?)|days? off|dias? libres?)\b/
const WEATHER = /\b(weather|forecast|temperatures?|rain|raining|rainy|snow|snowing|sunny|umbrella|humidity|windy|clima|pronostico|temperatura|llover|llueve|llovera|lluvia|nieva|nevara|paraguas|(que|el|del|buen|mal) tiempo|tiempo (hace|hara|hay|en|para))\b/
const ZONE = /\b(time ?zones?|utc offset|gmt offset|offset|zonas? horarias?|huso horario|diferencia horaria)\b/
const TIME = /\b(time|hora|horas|clock|o'clock)\b/
const DATE = /\b(date|dates|day|weekday|dia|fecha|what'?s today|what is today|que es hoy|a que estamos)\b/
const HELP = /\b(help|what can you do|what do you do|what can i ask|how do(es)? (you|this|it) work|who are you|commands|ayuda|ayudame|que puedes hacer|que sabes hacer|que haces|como funcionas|como funciona|quien eres)\b/
const THANKS = /\b(thanks|thank you|thx|cheers|gracias)\b/
const GREETING = /^(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day)|hola|buenas|buenos dias|buenas (tardes|noches|dias)|saludos|que tal)\b/
const HOW_ARE_YOU = /\b(how are you|how'?s it going|como estas|como va|que tal)\b/
const NEXT = /\b(next|upcoming|coming|proximos?|proximas?|siguientes?)\b/
const PLURAL_HOLIDAYS = /\b(holidays|festivos|feriados|fiestas|days off|dias libres)\b/
const THIS_MONTH = /\b(this month|este mes)\b/
const NEXT_MONTH = /\b(next month|el mes que viene|proximo mes|mes proximo|mes siguiente)\b/
const THIS_YEAR = /\b(this year|este ano)\b/
const NEXT_YEAR = /\b(next year|el ano que viene|proximo ano|ano proximo|ano siguiente)\b/
const WEEK = /\b(this week|next week|week|weekend|next (few )?days|coming days|esta semana|semana|fin de semana|finde|proximos dias|los proximos)\b/
const WEEKEND = /\b(weekend|fin de semana|finde)\b/
// "next 3 days", "3-day forecast", "los próximos 5 días"
const DAY_COUNT = /\b(\d{1,2}) ?-?(days?|dias?)\b/
const MAX_WEATHER_DAYS = 7
const MAY_CONTEXT = new Set(['in', 'of', 'for', 'during', 'until', 'en', 'de'])

function dayOffsetOf (joined: string): number {
  if (/\b(day after tomorrow|pasado manana)\b/.test(joined)) return 2
  if (/\b(day before yesterday|anteayer|antes de ayer)\b/.test(joined)) return -2
  // "por la mañana" is "in the morning", not "tomorrow".
  if (/\btomorrow\b|(?<!la )\bmanana\b/.test(joined)) return 1
  if (/\b(yesterday|ayer)\b/.test(joined)) return -1
  return 0
}

function monthOf (tokens: readonly Token[], language: Language): number | undefined {
  for (let index = 0; index < tokens.length; index++) {
    const key = (tokens[index] as Token).key
    const month = MONTHS[key]
    if (month === undefined) continue
    if (ENGLISH_ONLY_MONTHS.has(key) && language !== 'en') continue
    if (key === 'may' && !MAY_CONTEXT.has(tokens[index - 1]?.key ?? '')) continue
    return month
  }
  return undefined
}

function yearOf (tokens: readonly Token[]): number | undefined {
  const token = tokens.find((candidate) => /^(19|20|21)\d\d$/.test(candidate.key))
  return token === undefined ? undefined : Number(token.key)
}

function holidayWhen (joined: string, tokens: readonly Token[], language: Language, now: Date): HolidayWhen {
  const currentYear = now.getUTCFullYear()
  const currentMonth = now.getUTCMonth() + 1
  const year = yearOf(tokens)
  const month = monthOf(tokens, language)
  if (month !== undefined) {
    // A month without a year means the next time that month comes round.
    return { type: 'month', month, year: year ?? (month < currentMonth ? currentYear + 1 : currentYear) }
  }
  if (THIS_MONTH.test(joined)) return { type: 'month', month: currentMonth, year: currentYear }
  if (NEXT_MONTH.test(joined)) {
    return currentMonth === 12 ? { type: 'month', month: 1, year: currentYear + 1 } : { type: 'month', month: currentMonth + 1, year: currentYear }
  }
  if (year !== undefined) return { type: 'year', year }
  if (THIS_YEAR.test(joined)) return { type: 'year', year: currentYear }
  if (NEXT_YEAR.test(joined)) return { type: 'year', year: currentYear + 1 }
  if (NEXT.test(joined)) {
    const count = tokens.find((token) => /^\d{1,2}$/.test(token.key))
    const plural = PLURAL_HOLIDAYS.test(joined)
    return { type: 'next', count: count === undefined ? (plural ? 5 : 1) : Math.min(20, Math.max(1, Number(count.key))) }
  }
  if (/\b(today|hoy)\b/.test(joined)) return { type: 'day', offset: 0 }
  const offset = dayOffsetOf(joined)
  if (offset === 1) return { type: 'day', offset }
  return { type: 'upcoming' }
}

const zoneResolves = (place: string): boolean => resolveZone(place) !== undefined
const holidayResolves = (place: string): boolean => resolveHolidayPlace(place) !== undefined

export function parseMessage (text: string, now: Date): ParsedMessage {
  const tokens = tokenize(text)
  const language = detectLanguage(tokens)
  const joined = tokens.map((token) => token.key).join(' ')
  const greeting = GREETING.test(joined)
  const intent = ((): Intent => {
    if (HOLIDAY.test(joined)) {
      return { kind: 'holidays', places: findPlaces(text, tokens, holidayResolves), when: holidayWhen(joined, tokens, language, now) }
    }
    if (WEATHER.test(joined)) {
      const dayOffset = Math.max(0, dayOffsetOf(joined))
      const count = DAY_COUNT.exec(joined)
      const days = count !== null
        ? Math.min(MAX_WEATHER_DAYS, Math.max(1, Number(count[1])))
        : WEEK.test(joined) ? MAX_WEATHER_DAYS : dayOffset + 1
      return { kind: 'weather', places: findPlaces(text, tokens, zoneResolves), dayOffset: Math.min(dayOffset, days - 1), days, weekend: WEEKEND.test(joined) }
    }
    if (ZONE.test(joined)) return { kind: 'datetime', want: 'zone', places: findPlaces(text, tokens, zoneResolves), dayOffset: 0 }
    const time = TIME.test(joined)
    const date = DATE.test(joined)
    if (time || date) {
      const want: DatetimeWant = time && date ? 'datetime' : time ? 'time' : 'date'
      return { kind: 'datetime', want, places: findPlaces(text, tokens, zoneResolves), dayOffset: want === 'date' ? dayOffsetOf(joined) : 0 }
    }
    if (HELP.test(joined)) return { kind: 'help' }
    if (THANKS.test(joined)) return { kind: 'thanks' }
    if (greeting || HOW_ARE_YOU.test(joined)) return { kind: 'greeting' }
    return { kind: 'unknown' }
  })()
  return { language, greeting: greeting && intent.kind !== 'greeting', intent }
}
