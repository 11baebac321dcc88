// The positional `$` of updates and projections: the index of the first element of an array that made
// the query match, found by re-running the query's conditions on that array against one element at a
// time.
import { isDocument, type Doc } from './bson-values.js'
import { fail } from './errors.js'
import { compileFilter } from './matcher.js'
import { getPath, splitPath } from './paths.js'

function conditionsOn (filter: Doc, arrayPath: string, out: Doc): Doc {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isDocument(sub)) conditionsOn(sub, arrayPath, out)
    } else if (k === arrayPath || k.startsWith(arrayPath + '.')) {
      out[k] = v
    }
  }
  return out
}

// Copies only the documents along the path, so the probe never touches the caller's document.
function withReplaced (doc: Doc, parts: string[], value: unknown): Doc {
  const [head, ...rest] = parts
  if (rest.length === 0) return { ...doc, [head]: value }
  const child = doc[head]
  return { ...doc, [head]: isDocument(child) ? withReplaced(child, rest, value) : child }
}

export function positionalIndex (doc: Doc, filter: Doc, arrayPath: string): number {
  const parts = splitPath(arrayPath)
  const arr = getPath(doc, parts)
  const conds = conditionsOn(filter, arrayPath, {})
  if (!Array.isArray(arr) || Object.keys(conds).length === 0) {
    fail('BadValue', 'The positional operator did not find the match needed from the query.')
  }
  const pred = compileFilter(conds)
  for (let i = 0; i < arr.length; i++) {
    if (pred(withReplaced(doc, parts, [arr[i]]))) return i
  }
  return fail('BadValue', 'The positional operator did not find the match needed from the query.')
}
