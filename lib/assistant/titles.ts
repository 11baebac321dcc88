// Conversation titles (DESIGN.md 5.4). A title is at most TITLE_MAX_LENGTH Unicode code points
// (what JSON Schema `maxLength` counts) and is only ever cut between grapheme clusters
// (Intl.Segmenter), so an emoji ZWJ sequence, a flag or a letter with combining marks is kept whole
// or dropped whole, never split; input with lone surrogates is repaired first. The offline heuristic
// turns the first message into a short readable title; a model-backed `Titler` can replace it, and
// results can be cached under `titleCacheKey(message)`.

import { createHash } from 'node:crypto'
import { parseMessage, type Intent } from './offline/intent.js'
import { titleCase } from './offline/format.js'
import { tokenize, type Token } from './offline/tokens.js'
import type { Language } from './offline/vocabulary.js'

export const TITLE_MAX_LENGTH = 60
const FALLBACK_TITLE = 'New conversation'
const ELLIPSIS = '…'

export interface Titler {
  readonly name: string
  title: (message: string, options?: { signal?: AbortSignal }) => Promise<string>
}

export interface TitleCache {
  get: (key: string) => Promise<string | undefined> | string | undefined
  set: (key: string, title: string) => Promise<void> | void
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]+/gu

/** Well-formed, NFC, single-spaced text without control characters. */
export function cleanText (text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
}

const codePoints = (text: string): number => [...text].length

/**
 * At most `max` code points, cut at a grapheme boundary (preferably a space) with "…" when cut.
 */
export function clampTitle (text: string, max = TITLE_MAX_LENGTH): string {
  const clean = cleanText(text)
  if (codePoints(clean) <= max) return clean
  const budget = max - 1
  let kept = ''
  let used = 0
  let lastSpace = -1
  for (const { segment } of segmenter.segment(clean)) {
    const size = codePoints(segment)
    if (used + size > budget) break
    if (/^\s+$/.test(segment)) lastSpace = kept.length
    kept += segment
    used += size
  }
  if (kept === '') {
    // One grapheme longer than the limit (a base letter under dozens of marks): keep its base.
    const base = String.fromCodePoint(clean.codePointAt(0) ?? 0xFFFD)
    return `${base}${ELLIPSIS}`
  }
  if (lastSpace > kept.length * 0.6) kept = kept.slice(0, lastSpace)
  return `${kept.replace(/[\s,;:.\-–—]+$/u, '')}${ELLIPSIS}`
}

/** sha256 (hex) of the message as titles see it: the cache key for a title. */
export function titleCacheKey (message: string): string {
  return createHash('sha256').update(cleanText(message)).digest('hex')
}

/** Cleans a model's title: first line, no quotes or "Title:" prefix, clamped. */
export function sanitizeTitle (raw: string): string {
  const firstLine = raw.replace(LONE_SURROGATE, '\uFFFD').split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  const unquoted = firstLine.trim().replace(/^(title|título|titulo)\s*:\s*/i, '').replace(/^["'“”«»`]+|["'“”«»`]+$/g, '').trim()
  return clampTitle(unquoted)
}

const LEADING_PHRASES: readonly (readonly string[])[] = [
  ['good', 'morning'], ['good', 'afternoon'], ['good', 'evening'], ['buenos', 'dias'], ['buenas', 'tardes'], ['buenas', 'noches'],
  ['hi'], ['hello'], ['hey'], ['hiya'], ['hola'], ['buenas'], ['oye'], ['ok'], ['okay'], ['so'], ['well'], ['bueno'], ['pues'],
  ['can', 'you', 'tell', 'me'], ['could', 'you', 'tell', 'me'], ['can', 'you', 'please'], ['could', 'you', 'please'],
  ['can', 'you'], ['could', 'you'], ['would', 'you'], ['will', 'you'], ['please'], ['tell', 'me'], ['i', 'want', 'to', 'know'],
  ['i', 'would', 'like', 'to', 'know'], ['i\'d', 'like', 'to', 'know'], ['i', 'wonder'], ['do', 'you', 'know'], ['what', 'is'],
  ['what\'s'], ['whats'], ['what', 'are'], ['por', 'favor'], ['dime'], ['me', 'puedes', 'decir'], ['me', 'podrias', 'decir'],
  ['puedes', 'decirme'], ['podrias', 'decirme'], ['me', 'puedes'], ['puedes'], ['podrias'], ['quiero', 'saber'],
  ['me', 'gustaria', 'saber'], ['sabes'], ['que', 'es'], ['cual', 'es'], ['cuales', 'son']
]
const ARTICLES = new Set(['the', 'a', 'an', 'el', 'la', 'los', 'las', 'un', 'una'])
const TRAILING_WORDS = new Set(['please', 'thanks', 'thx', 'gracias'])
const PUNCTUATION = new Set([',', ';', '!', '?', '¿', '¡'])

function startsWith (tokens: readonly Token[], from: number, phrase: readonly string[]): boolean {
  return phrase.every((word, offset) => tokens[from + offset]?.key === word)
}

/** The message minus greetings, politeness and question openers, as the user wrote it. */
function coreOf (text: string): string {
  const tokens = tokenize(text)
  let from = 0
  let stripped = true
  while (stripped && from < tokens.length) {
    stripped = false
    if (PUNCTUATION.has(tokens[from]?.key ?? '')) {
      from++
      stripped = true
      continue
    }
    const phrase = LEADING_PHRASES.find((candidate) => startsWith(tokens, from, candidate))
    if (phrase !== undefined && from + phrase.length < tokens.length) {
      from += phrase.length
      stripped = true
      if (ARTICLES.has(tokens[from]?.key ?? '') && from + 1 < tokens.length) from++
    }
  }
  let to = tokens.length
  while (to > from && (PUNCTUATION.has(tokens[to - 1]?.key ?? '') || TRAILING_WORDS.has(tokens[to - 1]?.key ?? ''))) to--
  const first = tokens[from]
  const last = tokens[to - 1]
  if (first === undefined || last === undefined || to <= from) return ''
  return text.slice(first.start, last.end)
}

function capitalise (text: string): string {
  const first = segmenter.segment(text)[Symbol.iterator]().next()
  if (first.done === true) return text
  const grapheme = first.value.segment
  return grapheme.toLocaleUpperCase() + text.slice(grapheme.length)
}

const MONTH_NAMES: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-ES', { month: 'long', timeZone: 'UTC' })
}

/** "Time in Tokyo", "Festivos en Cataluña en diciembre"... for questions the offline assistant knows. */
function intentTitle (intent: Intent, language: Language): string | undefined {
  const es = language === 'es'
  const places = 'places' in intent ? intent.places.map((place) => titleCase(place.text)).join(es ? ' y ' : ' and ') : ''
  switch (intent.kind) {
    case 'datetime': {
      if (places === '') return intent.want === 'date' ? (es ? 'Fecha de hoy' : 'Today\'s date') : (es ? 'Hora actual' : 'Current time')
      if (intent.want === 'zone') return es ? `Zona horaria de ${places}` : `Time zone of ${places}`
      if (intent.want === 'date') return es ? `Fecha en ${places}` : `Date in ${places}`
      return es ? `Hora en ${places}` : `Time in ${places}`
    }
    case 'holidays': {
      if (places === '') return es ? 'Festivos' : 'Public holidays'
      const { when } = intent
      if (when.type === 'next') return es ? `${when.count === 1 ? 'Próximo festivo' : 'Próximos festivos'} en ${places}` : `${when.count === 1 ? 'Next holiday' : 'Next holidays'} in ${places}`
      const base = es ? `Festivos en ${places}` : `Holidays in ${places}`
      if (when.type === 'month') return `${base} ${es ? 'en' : 'in'} ${MONTH_NAMES[language].format(new Date(Date.UTC(2000, when.month - 1, 1)))}`
      if (when.type === 'year') return `${base} ${es ? 'en' : 'in'} ${when.year}`
      return base
    }
    case 'weather':
      if (places === '') return undefined
      return es ? `El tiempo en ${places}` : `Weather in ${places}`
    default:
      return undefined
  }
}

/**
 * A short readable title from a first message, offline: known questions get a canonical title
 * ("what's the time in Tokyo?" -> "Time in Tokyo"); anything else loses greetings, politeness and
 * question openers and is capitalised ("hi, can you tell me the capital of France?" -> "Capital of France").
 */
export function heuristicTitle (message: string): string {
  const text = cleanText(message)
  if (text === '') return FALLBACK_TITLE
  // The epoch clock only feeds month/year defaults, which titles do not use.
  const parsed = parseMessage(text, new Date(0))
  const known = intentTitle(parsed.intent, parsed.language)
  if (known !== undefined) return clampTitle(known)
  const core = coreOf(text)
  const chosen = core === '' ? text.replace(/[\s?!.¿¡,;:]+$/u, '').replace(/^[\s¿¡]+/u, '') : core
  return chosen === '' ? FALLBACK_TITLE : clampTitle(capitalise(chosen))
}

export function createOfflineTitler (): Titler {
  return { name: 'offline', title: async (message) => heuristicTitle(message) }
}

/** A bounded in-memory TitleCache (oldest entry evicted first). */
export function createMemoryTitleCache (maxEntries = 1000): TitleCache {
  const entries = new Map<string, string>()
  return {
    get: (key) => entries.get(key),
    set: (key, title) => {
      entries.delete(key)
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value
        if (oldest !== undefined) entries.delete(oldest)
      }
      entries.set(key, title)
    }
  }
}

/** Wraps a titler: cached by `titleCacheKey`, and every title sanitised and clamped. */
export function createCachedTitler (titler: Titler, cache: TitleCache): Titler {
  return {
    name: titler.name,
    async title (message, options) {
      const key = titleCacheKey(message)
      const cached = await cache.get(key)
      if (cached !== undefined) return cached
      const title = sanitizeTitle(await titler.title(message, options))
      const result = title === '' ? heuristicTitle(message) : title
      await cache.set(key, result)
      return result
    }
  }
}
