// Finds the places a question names. Places after a preposition come first ("in Tokyo", "en
// Nueva York"); a place must resolve to count unless it follows a preposition, so "time in
// Atlantis" still reaches the tool (which says plainly it does not know Atlantis) while stray
// words elsewhere are ignored. "Tokyo and Madrid" yields two places.

import { ENGLISH_ONLY_MONTHS, ARTICLES, CONNECTORS, MONTHS, PLACE_JOINERS, PLACE_PREPOSITIONS, STOP_WORDS } from './vocabulary.js'
import { spanText, type Token } from './tokens.js'

const MAX_PLACES = 3
const HARD_PUNCTUATION = new Set([';', '!', '?', '¿', '¡'])

export interface FoundPlace {
  text: string
  resolved: boolean
}

function isYear (key: string): boolean {
  return /^(19|20|21)\d\d$/.test(key)
}

/** Tokens that can never be part of a place name. */
function isHardStop (token: Token, shouting: boolean): boolean {
  if (HARD_PUNCTUATION.has(token.key) || token.key === ',') return true
  if (CONNECTORS.has(token.key)) return false
  // "US", "UK", "UAE" are places even though "us" is also a word (unless the whole message is in capitals).
  if (!shouting && /^\p{Lu}{2,3}$/u.test(token.raw)) return false
  if (STOP_WORDS.has(token.key) || isYear(token.key)) return true
  if (MONTHS[token.key] !== undefined && !ENGLISH_ONLY_MONTHS.has(token.key)) return true
  return PLACE_PREPOSITIONS.has(token.key) || /^\d+$/.test(token.key)
}

interface Span {
  from: number
  to: number
  resolved: boolean
  /** "Tokyo, Japan" when a qualifier followed the place ("Tokyo Japan", "Paris, France") */
  text?: string
}

/** Extends a resolved place with a country or region right after it, when the pair resolves. */
function qualified (text: string, tokens: readonly Token[], span: Span, resolves: (place: string) => boolean, shouting: boolean): Span {
  let from = span.to
  if (tokens[from]?.key === ',') from++
  let limit = from
  while (limit < tokens.length && !isHardStop(tokens[limit] as Token, shouting)) limit++
  const place = spanText(text, tokens, span.from, span.to)
  for (let end = limit; end > from; end--) {
    if (CONNECTORS.has((tokens[from] as Token).key) || CONNECTORS.has((tokens[end - 1] as Token).key)) continue
    const pair = `${place}, ${spanText(text, tokens, from, end)}`
    if (resolves(pair)) return { from: span.from, to: end, resolved: true, text: pair }
  }
  return span
}

/** The longest resolving place starting at `from`, else the plain words before the first connector. */
function placeAt (text: string, tokens: readonly Token[], from: number, resolves: (place: string) => boolean): Span | undefined {
  const shouting = text === text.toUpperCase()
  let limit = from
  while (limit < tokens.length && !isHardStop(tokens[limit] as Token, shouting)) limit++
  if (limit === from) return undefined
  const starts = tokens[from] !== undefined && ARTICLES.has(tokens[from].key) ? [from, from + 1] : [from]
  for (const start of starts) {
    for (let end = limit; end > start; end--) {
      const last = tokens[end - 1] as Token
      if (CONNECTORS.has(last.key)) continue
      const first = tokens[start] as Token
      if (CONNECTORS.has(first.key) && !ARTICLES.has(first.key)) break
      if (resolves(spanText(text, tokens, start, end))) return qualified(text, tokens, { from: start, to: end, resolved: true }, resolves, shouting)
    }
  }
  const start = starts[starts.length - 1] ?? from
  let end = start
  while (end < limit && !CONNECTORS.has((tokens[end] as Token).key)) end++
  return end > start ? { from: start, to: end, resolved: false } : undefined
}

export function findPlaces (text: string, tokens: readonly Token[], resolves: (place: string) => boolean): FoundPlace[] {
  const shouting = text === text.toUpperCase()
  const found: Span[] = []
  const used = new Set<number>()
  const take = (span: Span): void => {
    found.push(span)
    for (let index = span.from; index < span.to; index++) used.add(index)
  }
  const follow = (span: Span): void => {
    let next = span.to
    while (found.length < MAX_PLACES && PLACE_JOINERS.has(tokens[next]?.key ?? '')) {
      const more = placeAt(text, tokens, next + 1, resolves)
      if (more === undefined || !more.resolved) break
      take(more)
      next = more.to
    }
  }

  let firstUnresolved: Span | undefined
  for (let index = 0; index < tokens.length && found.length < MAX_PLACES; index++) {
    if (used.has(index) || !PLACE_PREPOSITIONS.has((tokens[index] as Token).key)) continue
    const span = placeAt(text, tokens, index + 1, resolves)
    if (span === undefined) continue
    if (!span.resolved) {
      firstUnresolved ??= span
      continue
    }
    take(span)
    follow(span)
    index = span.to - 1
  }
  for (let index = 0; index < tokens.length && found.length < MAX_PLACES; index++) {
    const token = tokens[index] as Token
    if (used.has(index) || isHardStop(token, shouting) || (CONNECTORS.has(token.key) && !ARTICLES.has(token.key))) continue
    const span = placeAt(text, tokens, index, resolves)
    if (span === undefined || !span.resolved || [...Array(span.to - span.from).keys()].some((offset) => used.has(span.from + offset))) continue
    take(span)
    follow(span)
    index = span.to - 1
  }
  if (found.length === 0 && firstUnresolved !== undefined) found.push(firstUnresolved)
  return found
    .sort((a, b) => a.from - b.from)
    .map((span) => ({ text: span.text ?? spanText(text, tokens, span.from, span.to), resolved: span.resolved }))
}
