// How BSON values live in memory, and MongoDB's total order over them.
//
// Documents arrive decoded with `promoteValues: false`, then `normalize` turns them into a compact form:
// int32 becomes a plain number, a double becomes a plain number whenever `bson` would serialize that
// number back as a double (non-integral, -0, or outside the int32 range) and otherwise stays a `Double`
// wrapper; int64 stays `Long`, Decimal128 stays `Decimal128`. Serializing the compact form therefore
// reproduces every numeric type exactly, while most values stay plain JavaScript.
import { Binary, type Double, type Long, ObjectId, type Timestamp } from 'bson'
import { decKey } from './decimal.js'
import { bsonTag, compareNumbers, fitsInt32, numType, toDecValue, toNumber } from './numbers.js'

export { arith, bsonTag, fitsInt32, makeNumber, numType, toDecValue, toNumber, type NumType } from './numbers.js'

export type Doc = Record<string, unknown>

export const MISSING: unique symbol = Symbol('missing')
export type Missing = typeof MISSING

// A bound used only inside index scans: below (side -1) or above (side 1) every value of one type rank.
export class Bracket {
  constructor (readonly rank: number, readonly side: -1 | 1) {}
}
export const ABS_MIN = new Bracket(-1, -1)
export const ABS_MAX = new Bracket(1000, 1)

export function isDocument (v: unknown): v is Doc {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

// --- Normalization (wire form -> compact stored form) ---------------------------------------------

export function normalize (v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = normalize(v[i])
    return v
  }
  const tag = (v as { _bsontype?: string })._bsontype
  if (tag === undefined) {
    if (isDocument(v)) {
      for (const k of Object.keys(v)) v[k] = normalize(v[k])
    }
    return v
  }
  if (tag === 'Int32') return (v as { value: number }).value
  if (tag === 'Double') {
    const n = (v as Double).value
    return fitsInt32(n) ? v : n
  }
  return v
}

export function normalizeDoc (d: Doc): Doc {
  normalize(d)
  return d
}

// --- Type order -------------------------------------------------------------------------------------

export function typeRank (v: unknown): number {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3
    case 'string':
      return 4
    case 'boolean':
      return 9
    case 'undefined':
    case 'symbol':
      return 2
  }
  if (v === null) return 2
  if (Array.isArray(v)) return 6
  if (v instanceof Date) return 10
  if (v instanceof RegExp) return 12
  if (v instanceof Bracket) return v.rank
  switch ((v as { _bsontype?: string })._bsontype) {
    case undefined: return 5
    case 'Double':
    case 'Int32':
    case 'Long':
    case 'Decimal128':
      return 3
    case 'BSONSymbol': return 4
    case 'Binary': return 7
    case 'ObjectId': return 8
    case 'Timestamp': return 11
    case 'BSONRegExp': return 12
    case 'Code': return 13
    case 'MinKey': return 1
    case 'MaxKey': return 100
    case 'DBRef': return 5
  }
  return 5
}

function compareStrings (a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // UTF-16 code unit order differs from UTF-8 byte order only between surrogates and U+E000..U+FFFF.
    const sx = x >= 0xd800 && x <= 0xdfff
    const sy = y >= 0xd800 && y <= 0xdfff
    if (sx !== sy && (x >= 0xe000 || y >= 0xe000)) return sx ? 1 : -1
    return x < y ? -1 : 1
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0
}

function stringOf (v: unknown): string {
  return typeof v === 'string' ? v : String((v as { value?: unknown }).value ?? v)
}

function compareBytes (a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b)
}

function binaryBytes (v: unknown): Uint8Array {
  const b = v as Binary
  return b.buffer.subarray(0, b.position)
}

export function compareValues (a: unknown, b: unknown): number {
  if (a === b) return 0
  const ra = a === MISSING ? 2 : typeRank(a)
  const rb = b === MISSING ? 2 : typeRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  if (a instanceof Bracket || b instanceof Bracket) {
    const sa = a instanceof Bracket ? a.side : 0
    const sb = b instanceof Bracket ? b.side : 0
    return sa === sb ? 0 : sa < sb ? -1 : 1
  }
  switch (ra) {
    case 2:
    case 1:
    case 100:
      return 0
    case 3:
      return compareNumbers(a, b)
    case 4:
      return compareStrings(stringOf(a), stringOf(b))
    case 5:
      return compareDocs(a as Doc, b as Doc)
    case 6:
      return compareArrays(a as unknown[], b as unknown[])
    case 7: {
      const x = binaryBytes(a)
      const y = binaryBytes(b)
      if (x.length !== y.length) return x.length < y.length ? -1 : 1
      const st = (a as Binary).sub_type - (b as Binary).sub_type
      if (st !== 0) return st < 0 ? -1 : 1
      return compareBytes(x, y)
    }
    case 8:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id)
    case 9:
      return a === b ? 0 : a === false ? -1 : 1
    case 10: {
      const x = (a as Date).getTime()
      const y = (b as Date).getTime()
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 11: {
      const x = a as Timestamp
      const y = b as Timestamp
      if (x.t !== y.t) return x.t < y.t ? -1 : 1
      return x.i < y.i ? -1 : x.i > y.i ? 1 : 0
    }
    case 12: {
      const [xs, xf] = regexParts(a)
      const [ys, yf] = regexParts(b)
      return compareStrings(xs, ys) || compareStrings(xf, yf)
    }
  }
  return compareStrings(String(a), String(b))
}

function regexParts (v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags]
  const r = v as { pattern: string, options: string }
  return [r.pattern, r.options]
}

function compareDocs (a: Doc, b: Doc): number {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  const n = Math.min(ka.length, kb.length)
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]]
    const vb = b[kb[i]]
    const ra = typeRank(va)
    const rb = typeRank(vb)
    if (ra !== rb) return ra < rb ? -1 : 1
    const kc = compareStrings(ka[i], kb[i])
    if (kc !== 0) return kc
    const c = compareValues(va, vb)
    if (c !== 0) return c
  }
  return ka.length < kb.length ? -1 : ka.length > kb.length ? 1 : 0
}

function compareArrays (a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0
}

export function valuesEqual (a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0
}

// --- Canonical keys (value equality as MongoDB defines it, as a string) ----------------------------

export function keyOf (v: unknown): string {
  switch (typeof v) {
    case 'string': return 's' + v
    case 'number': return 'n' + String(v)
    case 'boolean': return v ? 'b1' : 'b0'
    case 'undefined': return 'z'
    case 'bigint': return 'n' + v.toString()
  }
  if (v === null || v === MISSING) return 'z'
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'ObjectId': return 'o' + (v as ObjectId).toHexString()
    case 'Double':
    case 'Int32':
      return 'n' + String((v as { value: number }).value)
    case 'Long': return 'n' + (v as Long).toString()
    case 'Decimal128': return 'n' + decKey(toDecValue(v))
    case 'Binary': return 'B' + String((v as Binary).sub_type) + ':' + Buffer.from(binaryBytes(v)).toString('base64')
    case 'Timestamp': return 't' + (v as Timestamp).toString()
    case 'BSONSymbol': return 's' + stringOf(v)
    case 'MinKey': return 'm-'
    case 'MaxKey': return 'm+'
  }
  if (v instanceof Date) return 'd' + String(v.getTime())
  if (v instanceof RegExp) return 'r/' + v.source + '/' + v.flags
  if (Array.isArray(v)) return 'A' + JSON.stringify(v.map(keyOf))
  if (isDocument(v)) return 'O' + JSON.stringify(Object.keys(v).map((k) => [k, keyOf(v[k])]))
  return 'x' + String(v)
}

// --- Copies and identity ----------------------------------------------------------------------------

// Immutable bson wrappers are shared; containers, dates and binaries are copied.
export function cloneValue<T> (v: T): T {
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) {
    const out = new Array(v.length)
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i])
    return out as T
  }
  if (v instanceof Date) return new Date(v.getTime()) as T
  const tag = (v as { _bsontype?: string })._bsontype
  if (tag === undefined) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = cloneValue((v as Doc)[k])
    return out as T
  }
  if (tag === 'Binary') {
    const b = v as unknown as Binary
    return new Binary(Buffer.from(binaryBytes(b)), b.sub_type) as T
  }
  return v
}

export function cloneDoc (d: Doc): Doc {
  return cloneValue(d)
}

// A value decoded from a request belongs to that request alone, except that bson leaves Binary
// payloads pointing into the socket's read buffer; this gives them their own bytes, in place, so a
// stored value neither pins that buffer nor changes with it.
export function detachBinaries (v: unknown): void {
  if (typeof v !== 'object' || v === null || v instanceof Date) return
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i]
      if (typeof x === 'object' && x !== null) v[i] = detached(x)
    }
    return
  }
  if ((v as { _bsontype?: string })._bsontype !== undefined) return
  for (const k of Object.keys(v)) {
    const x = (v as Doc)[k]
    if (typeof x === 'object' && x !== null) (v as Doc)[k] = detached(x)
  }
}

function detached (v: object): unknown {
  if ((v as { _bsontype?: string })._bsontype === 'Binary') {
    const b = v as Binary
    return new Binary(Buffer.from(binaryBytes(b)), b.sub_type)
  }
  detachBinaries(v)
  return v
}

// Strict identity: same BSON type and same value (1 and 1.0 differ), used to decide nModified.
export function identical (a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || Object.is(a, b)
  if (typeof a !== typeof b) return false
  if (typeof a === 'number') return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b as number))
  if (typeof a !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!identical(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ta = bsonTag(a)
  if (ta !== bsonTag(b)) return false
  if (ta === undefined) {
    if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime()
    if (a instanceof RegExp) return b instanceof RegExp && a.source === b.source && a.flags === b.flags
    if (!isDocument(a) || !isDocument(b)) return false
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.length !== kb.length) return false
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i] || !identical(a[ka[i]], b[kb[i]])) return false
    }
    return true
  }
  if (ta === 'Double') return Object.is((a as Double).value, (b as Double).value)
  return compareValues(a, b) === 0 && keyOf(a) === keyOf(b)
}

// --- Conversion for mingo ---------------------------------------------------------------------------

// mingo only understands plain JavaScript numbers; this copy is what aggregation and `$expr` see.
export function toMingo (v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) return v.map(toMingo)
  if (v instanceof Date) return new Date(v.getTime())
  const tag = (v as { _bsontype?: string })._bsontype
  if (tag === undefined) {
    if (!isDocument(v)) return v
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = toMingo(v[k])
    return out
  }
  if (tag === 'Double' || tag === 'Int32' || tag === 'Long' || tag === 'Decimal128') return toNumber(v)
  if (tag === 'BSONRegExp') {
    const r = v as { pattern: string, options: string }
    try {
      return new RegExp(r.pattern, r.options.split('').filter((f) => 'imsu'.includes(f)).join(''))
    } catch {
      return v
    }
  }
  return v
}

// After mingo computed a new version of a document, numbers that did not change keep their stored type.
export function restoreTypes (before: unknown, after: unknown): unknown {
  if (typeof after === 'number') {
    const t = numType(before)
    if (t !== undefined && typeof before !== 'number' && compareNumbers(before, after) === 0) return before
    return after
  }
  if (Array.isArray(after)) {
    if (!Array.isArray(before)) return after
    for (let i = 0; i < after.length; i++) after[i] = restoreTypes(before[i], after[i])
    return after
  }
  if (isDocument(after)) {
    if (!isDocument(before)) return after
    for (const k of Object.keys(after)) after[k] = restoreTypes(before[k], after[k])
    return after
  }
  return after
}

export { ObjectId }
