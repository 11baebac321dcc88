// Splits a message into word tokens that remember their place in the original text, so a place
// found by folded keys ("nueva york") is quoted back as the user wrote it ("Nueva York").

import { foldText } from '../text.js'

export interface Token {
  /** as written */
  raw: string
  /** folded: lower case, no diacritics, no trailing dots */
  key: string
  start: number
  end: number
}

const TOKEN = /[+-]\d{1,2}(?::\d{2})?|[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.+:-]*|[,;!?¿¡]/gu
const TRAILING = /[.:'’-]+$/u

export function tokenize (text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index
    const raw = match[0].replace(TRAILING, '')
    if (raw === '') continue
    tokens.push({ raw, key: foldText(raw), start, end: start + raw.length })
  }
  return tokens
}

/** The original text covered by tokens [from, to). */
export function spanText (text: string, tokens: readonly Token[], from: number, to: number): string {
  const first = tokens[from]
  const last = tokens[to - 1]
  if (first === undefined || last === undefined) return ''
  return text.slice(first.start, last.end)
}
