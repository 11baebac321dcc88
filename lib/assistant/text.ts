// Text folding shared by the place resolver, the offline intent parser and titles: users type
// "Cataluña", "cataluna" or "CATALUÑA" and all must meet the same key.

const COMBINING_MARKS = /\p{M}+/gu
const NON_WORD = /[^\p{L}\p{N}+:]+/gu

/** Lower-cases and strips diacritics ("Cataluña" -> "cataluna"); keeps everything else. */
export function foldText (text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(/[’‘`´]/g, '\'')
}

/** A lookup key for a place name: folded, punctuation turned into single spaces. */
export function placeKey (text: string): string {
  return foldText(text).replace(NON_WORD, ' ').trim()
}
