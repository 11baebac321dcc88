// The first $-prefixed field name inside a value, as MongoDB's storage validation of embedded objects
// finds it. A DBRef ({ $ref: <string>, $id: ..., $db?: <string> }, in that order) is the one object whose
// $-prefixed names are allowed.
import { isDocument } from './bson-values.js'

function dbRefNames (doc: Record<string, unknown>, keys: string[]): number {
  if (keys[0] !== '$ref' || typeof doc.$ref !== 'string' || keys[1] !== '$id') return 0
  return keys[2] === '$db' && typeof doc.$db === 'string' ? 3 : 2
}

export function dollarPrefixedName (value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = dollarPrefixedName(v)
      if (bad !== undefined) return bad
    }
    return undefined
  }
  if (!isDocument(value)) return undefined
  const keys = Object.keys(value)
  const allowed = dbRefNames(value, keys)
  for (let i = 0; i < keys.length; i++) {
    if (i >= allowed && keys[i].startsWith('$')) return keys[i]
    const bad = dollarPrefixedName(value[keys[i]])
    if (bad !== undefined) return bad
  }
  return undefined
}
