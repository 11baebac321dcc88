// Localised date and time pieces for answers. Calendar values come from tool results as wall-clock
// fields, so they are formatted as UTC dates: that works for fixed offsets Intl cannot name too.

import { utcDateOf } from '../zoned-time.js'
import { foldText } from '../text.js'
import type { Language } from './vocabulary.js'

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES' }
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter (language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`
  let cached = formatters.get(key)
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: 'UTC' })
    formatters.set(key, cached)
  }
  return cached
}

/** "Wednesday, November 25, 2026" / "miércoles, 25 de noviembre de 2026" */
export function longDate (isoDate: string, language: Language): string {
  return formatter(language, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(utcDateOf(isoDate))
}

/** "Tuesday, December 8" / "martes, 8 de diciembre", with the year when asked. */
export function dayAndMonth (isoDate: string, language: Language, withYear: boolean): string {
  const options: Intl.DateTimeFormatOptions = withYear
    ? { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }
    : { weekday: 'long', month: 'long', day: 'numeric' }
  return formatter(language, options).format(utcDateOf(isoDate))
}

/** "December 2026" / "diciembre de 2026" */
export function monthAndYear (year: number, month: number, language: Language): string {
  return formatter(language, { year: 'numeric', month: 'long' }).format(new Date(Date.UTC(year, month - 1, 1)))
}

/** "10:05 PM" / "22:05" from a wall-clock date and "HH:mm". */
export function clockTime (isoDate: string, time: string, language: Language): string {
  const [hour = 0, minute = 0] = time.split(':').map(Number)
  const date = utcDateOf(isoDate)
  date.setUTCHours(hour, minute)
  return formatter(language, { hour: 'numeric', minute: '2-digit' }).format(date)
}

const LOWER_WORDS = new Set(['de', 'del', 'la', 'las', 'el', 'los', 'of', 'the', 'and', 'y', 'da', 'do', 'di'])

/** Capitalises words the user typed in lower case ("nueva york" -> "Nueva York"); keeps any other casing. */
export function titleCase (text: string): string {
  return text.split(/(\s+)/).map((word, index) => {
    if (word.trim() === '' || word !== word.toLowerCase()) return word
    if (index > 0 && LOWER_WORDS.has(word)) return word
    return word.charAt(0).toLocaleUpperCase() + word.slice(1)
  }).join('')
}

export function sameName (a: string, b: string): boolean {
  return foldText(a).trim() === foldText(b).trim()
}
