// Index bounds derived from a filter: for each top-level path, the value intervals a matching document's
// indexed key must fall in. Bounds are only ever wider than the filter (the filter is re-checked on
// every fetched document), so a planner mistake costs speed, never results.
import { Bracket, bsonTag, compareValues, isDocument, keyOf, typeRank, type Doc } from './bson-values.js'
import { isOperatorObject } from './matcher.js'

export interface Interval { lo: unknown, loInc: boolean, hi: unknown, hiInc: boolean }

// Per path, one interval list per constraint found; a non-multikey index may intersect them all.
export type PathBounds = Map<string, Interval[][]>

export function point (v: unknown): Interval {
  return { lo: v, loInc: true, hi: v, hiInc: true }
}

export function isPoint (iv: Interval): boolean {
  return iv.loInc && iv.hiInc && compareValues(iv.lo, iv.hi) === 0
}

function isRegex (v: unknown): boolean {
  return v instanceof RegExp || bsonTag(v) === 'BSONRegExp'
}

function isBoundary (v: unknown): boolean {
  const t = bsonTag(v)
  return t === 'MinKey' || t === 'MaxKey'
}

function plainValue (v: unknown): boolean {
  return !isRegex(v) && !Array.isArray(v) && !isBoundary(v)
}

function rangeFor (op: string, v: unknown): Interval | undefined {
  if (!plainValue(v)) return undefined
  const rank = typeRank(v)
  switch (op) {
    case '$gt': return { lo: v, loInc: false, hi: new Bracket(rank, 1), hiInc: true }
    case '$gte': return { lo: v, loInc: true, hi: new Bracket(rank, 1), hiInc: true }
    case '$lt': return { lo: new Bracket(rank, -1), loInc: true, hi: v, hiInc: false }
    case '$lte': return { lo: new Bracket(rank, -1), loInc: true, hi: v, hiInc: true }
  }
  return undefined
}

function pointsFor (list: unknown[]): Interval[] | undefined {
  if (!list.every(plainValue) || list.some(isOperatorObject)) return undefined
  const seen = new Map<string, unknown>()
  for (const v of list) seen.set(keyOf(v), v)
  return [...seen.values()].sort(compareValues).map(point)
}

function constraintsFor (cond: unknown): Interval[][] {
  if (isRegex(cond)) return []
  if (!isOperatorObject(cond)) return plainValue(cond) ? [[point(cond)]] : []
  const out: Interval[][] = []
  for (const [op, arg] of Object.entries(cond)) {
    if (op === '$eq') {
      if (plainValue(arg)) out.push([point(arg)])
    } else if (op === '$in') {
      const pts = Array.isArray(arg) ? pointsFor(arg) : undefined
      if (pts !== undefined) out.push(pts)
    } else {
      const r = rangeFor(op, arg)
      if (r !== undefined) out.push([r])
    }
  }
  return out
}

export function extractBounds (filter: unknown, into: PathBounds = new Map()): PathBounds {
  if (!isDocument(filter)) return into
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) extractBounds(sub, into)
      continue
    }
    if (key.startsWith('$')) continue
    const cs = constraintsFor(value)
    if (cs.length === 0) continue
    const list = into.get(key)
    if (list === undefined) into.set(key, cs)
    else list.push(...cs)
  }
  return into
}

function maxBound (a: unknown, aInc: boolean, b: unknown, bInc: boolean): [unknown, boolean] {
  const c = compareValues(a, b)
  if (c > 0) return [a, aInc]
  if (c < 0) return [b, bInc]
  return [a, aInc && bInc]
}

function minBound (a: unknown, aInc: boolean, b: unknown, bInc: boolean): [unknown, boolean] {
  const c = compareValues(a, b)
  if (c < 0) return [a, aInc]
  if (c > 0) return [b, bInc]
  return [a, aInc && bInc]
}

function isEmpty (iv: Interval): boolean {
  const c = compareValues(iv.lo, iv.hi)
  return c > 0 || (c === 0 && !(iv.loInc && iv.hiInc))
}

function intersectTwo (xs: Interval[], ys: Interval[]): Interval[] {
  const out: Interval[] = []
  for (const x of xs) {
    for (const y of ys) {
      const [lo, loInc] = maxBound(x.lo, x.loInc, y.lo, y.loInc)
      const [hi, hiInc] = minBound(x.hi, x.hiInc, y.hi, y.hiInc)
      const iv = { lo, loInc, hi, hiInc }
      if (!isEmpty(iv)) out.push(iv)
    }
  }
  return out.sort((a, b) => compareValues(a.lo, b.lo))
}

// The intervals for one path: all constraints intersected, or (multikey) just the most selective one,
// because different array elements may satisfy different constraints.
export function intervalsFor (constraints: Interval[][], multikey: boolean): Interval[] {
  if (multikey) {
    const eq = constraints.find((c) => c.every(isPoint))
    return eq ?? constraints[0]
  }
  return constraints.reduce(intersectTwo)
}

export function within (v: unknown, iv: Interval): boolean {
  const lo = compareValues(v, iv.lo)
  if (lo < 0 || (lo === 0 && !iv.loInc)) return false
  const hi = compareValues(v, iv.hi)
  return hi < 0 || (hi === 0 && iv.hiInc)
}

export function idLookupValues (filter: Doc): unknown[] | undefined {
  const cond = filter._id
  if (cond === undefined) return undefined
  if (!isOperatorObject(cond)) return plainValue(cond) && !isDocumentWithDollar(cond) ? [cond] : undefined
  const keys = Object.keys(cond)
  if (keys.length !== 1) return undefined
  if (keys[0] === '$eq' && plainValue(cond.$eq)) return [cond.$eq]
  if (keys[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(plainValue)) return cond.$in
  return undefined
}

function isDocumentWithDollar (v: unknown): boolean {
  return isDocument(v) && Object.keys(v).some((k) => k.startsWith('$'))
}
