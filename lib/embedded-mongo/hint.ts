// hint: the index a query must use, named or given by key pattern, or { $natural: ±1 } for a collection
// scan. A hint changes the plan, not which documents an index holds: a hinted sparse index lacks the
// documents missing its fields, so the query sees only those it holds, as on MongoDB.
import { isDocument, numType, toNumber, type Doc } from './bson-values.js'
import { fail, notImplemented } from './errors.js'
import { formatValue } from './format.js'
import { sameKeyPattern, type Index } from './indexes.js'

export type Hint = { name: string } | { key: Doc } | { natural: 1 | -1 }
export type HintedPlan = { index: Index } | { natural: 1 | -1 }

// Checks the hint's shape, whether or not the collection exists; an empty object means no hint.
export function parseHint (raw: unknown): Hint | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw === 'string') return { name: raw }
  if (!isDocument(raw)) fail('FailedToParse', 'Hint must be a string or an object')
  const keys = Object.keys(raw)
  if (keys.length === 0) return undefined
  if (keys[0] !== '$natural') return { key: raw }
  if (keys.length !== 1) fail('FailedToParse', `$natural hint may only accept one field: ${formatValue(raw)}`)
  const dir = numType(raw.$natural) === undefined ? NaN : toNumber(raw.$natural)
  if (dir !== 1 && dir !== -1) fail('FailedToParse', `$natural hint may only accept 1 or -1, not ${formatValue(raw.$natural)}`)
  return { natural: dir }
}

// The planner never sees a hidden index, so hinting one is hinting nothing. A partial index lacks the
// documents its filter rejects, and what MongoDB answers when a query it does not cover is hinted to it
// (SERVER-26413) is not reproduced here: such a hint is refused rather than guessed at.
export function resolveHint (indexes: Index[], hint: Hint): HintedPlan {
  if ('natural' in hint) return hint
  const matches = indexes.filter((i) => i.spec.hidden !== true &&
    ('name' in hint ? i.name === hint.name : sameKeyPattern(i.spec.key as Doc, hint.key)))
  if (matches.length === 0) fail('BadValue', 'hint provided does not correspond to an existing index')
  if (matches.length > 1) {
    fail('BadValue', `Hint matched multiple indexes, must hint by index name. Matched: ${matches.map((i) => i.name).join(', ')}`)
  }
  const index = matches[0]
  if (index.partial !== undefined) notImplemented('a hint naming a partial index')
  return { index }
}
