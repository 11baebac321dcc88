// Dotted-path lookup with MongoDB's array traversal: a path component that is not an index applies to
// every document element of an array, so 'a.b' over { a: [{ b: 1 }, { b: 2 }] } yields 1 and 2.
import { isDocument, MISSING, type Doc } from './bson-values.js'

export function splitPath (path: string): string[] {
  return path.split('.')
}

function isIndex (part: string): boolean {
  if (part.length === 0 || part.length > 9) return false
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

// Leaf values reachable by the path; MISSING stands for "the field is absent here". Leaf arrays are
// returned whole: predicates decide whether to look inside them.
export function collectValues (doc: unknown, parts: string[]): unknown[] {
  const out: unknown[] = []
  walk(doc, parts, 0, out)
  return out
}

function walk (value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(value)
    return
  }
  if (Array.isArray(value)) {
    const part = parts[i]
    if (isIndex(part)) {
      const idx = Number(part)
      if (idx < value.length) walk(value[idx], parts, i + 1, out)
      else out.push(MISSING)
      return
    }
    const before = out.length
    for (const elem of value) {
      if (isDocument(elem)) walk(elem, parts, i, out)
    }
    if (out.length === before) out.push(MISSING)
    return
  }
  if (isDocument(value) && Object.prototype.hasOwnProperty.call(value, parts[i])) {
    walk(value[parts[i]], parts, i + 1, out)
    return
  }
  out.push(MISSING)
}

// Values used as index keys and sort keys: like collectValues, with leaf arrays expanded into their
// elements (an empty array stays itself). `multi` reports whether any array was crossed.
export function keyValues (doc: unknown, parts: string[]): { values: unknown[], multi: boolean } {
  const raw = collectValues(doc, parts)
  let multi = raw.length > 1
  const values: unknown[] = []
  for (const v of raw) {
    if (Array.isArray(v)) {
      multi = true
      if (v.length === 0) values.push(v)
      else for (const e of v) values.push(e)
    } else {
      values.push(v === MISSING ? null : v)
    }
  }
  return { values, multi }
}

// Plain lookup without array expansion, for update operators and projections.
export function getPath (doc: unknown, parts: string[]): unknown {
  let cur: unknown = doc
  for (const part of parts) {
    if (Array.isArray(cur)) {
      if (!isIndex(part)) return MISSING
      const idx = Number(part)
      if (idx >= cur.length) return MISSING
      cur = cur[idx]
    } else if (isDocument(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, part)) return MISSING
      cur = cur[part]
    } else {
      return MISSING
    }
  }
  return cur
}

export function isArrayIndex (part: string): boolean {
  return isIndex(part)
}

// Sets a value along a path, creating intermediate documents; used on private copies only.
export function setPathLoose (doc: Doc, parts: string[], value: unknown): void {
  let cur: Doc = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]]
    if (isDocument(next)) {
      cur = next
    } else {
      const created: Doc = {}
      cur[parts[i]] = created
      cur = created
    }
  }
  cur[parts[parts.length - 1]] = value
}
