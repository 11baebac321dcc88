// Secondary (and _id) indexes: a sorted list of (key tuple, record id) entries per index, ordered by
// MongoDB's BSON order in each field's direction. Multikey entries are one per array element.
import { compareValues, isDocument, MISSING, numType, toNumber, type Doc } from './bson-values.js'
import { fail, notImplemented } from './errors.js'
import { compileFilter, type DocPredicate } from './matcher.js'
import { collectValues, keyValues, splitPath } from './paths.js'
import { SortedList } from './sorted-list.js'

export interface IndexEntry { k: unknown[], r: number }
export interface IndexField { path: string, parts: string[], dir: 1 | -1 }

const ALLOWED_OPTIONS = new Set([
  'v', 'key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'background',
  'hidden', 'ns', 'storageEngine', 'dropDups'
])

function defaultIndexName (key: Doc): string {
  return Object.entries(key).map(([k, v]) => `${k}_${String(numType(v) !== undefined ? toNumber(v) : v)}`).join('_')
}

// Validates a createIndexes spec and returns it in the shape listIndexes reports.
export function validateIndexSpec (raw: unknown): Doc {
  if (!isDocument(raw)) fail('TypeMismatch', 'Each index specification must be an object')
  const key = raw.key
  if (!isDocument(key)) fail('FailedToParse', "The 'key' field is a required property of an index specification")
  if (Object.keys(key).length === 0) fail('CannotCreateIndex', 'Index keys cannot be an empty object.')
  for (const [field, dir] of Object.entries(key)) {
    if (typeof dir === 'string') {
      if (['text', '2d', '2dsphere', 'hashed', 'geoHaystack', 'wildcard'].includes(dir)) notImplemented(`'${dir}' indexes`)
      fail('CannotCreateIndex', `Unknown index plugin '${dir}'`)
    }
    if (numType(dir) === undefined) fail('CannotCreateIndex', `Values in index key pattern must be numbers or strings: ${field}`)
    if (toNumber(dir) === 0) fail('CannotCreateIndex', "Values in the index key pattern can't be 0.")
    if (field === '' || field.startsWith('$') || field.split('.').includes('')) fail('CannotCreateIndex', `Index key contains an illegal field name: '${field}'`)
    if (field.includes('$**')) notImplemented('wildcard indexes')
  }
  for (const opt of Object.keys(raw)) {
    if (opt === 'collation') notImplemented('collation')
    if (['weights', 'default_language', 'language_override', 'textIndexVersion', '2dsphereIndexVersion', 'bits', 'min', 'max', 'bucketSize', 'wildcardProjection'].includes(opt)) {
      notImplemented(`the index option '${opt}'`)
    }
    if (!ALLOWED_OPTIONS.has(opt)) fail('InvalidIndexSpecificationOption', `The field '${opt}' is not valid for an index specification. Specification: ${JSON.stringify(raw)}`)
  }
  const name = raw.name === undefined ? defaultIndexName(key) : raw.name
  if (typeof name !== 'string' || name.length === 0) fail('CannotCreateIndex', 'The index name must be a non-empty string')
  const spec: Doc = { v: 2, key, name }
  const isId = Object.keys(key).length === 1 && key._id !== undefined
  if (raw.unique === true || (typeof raw.unique === 'number' && raw.unique !== 0)) {
    if (!isId) spec.unique = true
  }
  if (raw.sparse === true) spec.sparse = true
  if (raw.partialFilterExpression !== undefined) {
    if (!isDocument(raw.partialFilterExpression)) fail('TypeMismatch', 'partialFilterExpression must be an object')
    if (spec.sparse === true) fail('CannotCreateIndex', 'cannot mix "partialFilterExpression" and "sparse" options')
    compileFilter(raw.partialFilterExpression)
    spec.partialFilterExpression = raw.partialFilterExpression
  }
  if (raw.expireAfterSeconds !== undefined) {
    const e = raw.expireAfterSeconds
    if (numType(e) === undefined || toNumber(e) < 0 || !Number.isFinite(toNumber(e))) {
      fail('CannotCreateIndex', 'TTL index \'expireAfterSeconds\' option must be a non-negative number')
    }
    if (Object.keys(key).length !== 1) fail('CannotCreateIndex', 'TTL indexes are single-field indexes, compound indexes do not support TTL.')
    if (isId) fail('CannotCreateIndex', 'The field \'expireAfterSeconds\' is not valid for an _id index specification.')
    spec.expireAfterSeconds = e
  }
  if (raw.hidden === true) spec.hidden = true
  return spec
}

// Compares specs the way createIndexes decides "same index" (key and every option but the name).
export function sameIndexOptions (a: Doc, b: Doc): boolean {
  const strip = (s: Doc): Doc => {
    const { v: _v, name: _n, key: _k, hidden: _h, ...rest } = s
    return rest
  }
  return compareValues(strip(a), strip(b)) === 0
}

export function sameKeyPattern (a: Doc, b: Doc): boolean {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((k, i) => k === kb[i] && compareValues(a[k], b[k]) === 0)
}

export class Index {
  readonly name: string
  readonly fields: IndexField[]
  readonly unique: boolean
  readonly sparse: boolean
  readonly partial: DocPredicate | undefined
  readonly entries: SortedList<IndexEntry>
  multikey = false

  constructor (readonly spec: Doc) {
    this.name = spec.name as string
    const key = spec.key as Doc
    this.fields = Object.keys(key).map((path) => ({ path, parts: splitPath(path), dir: toNumber(key[path]) < 0 ? -1 : 1 }))
    this.unique = spec.unique === true || this.name === '_id_'
    this.sparse = spec.sparse === true
    this.partial = spec.partialFilterExpression === undefined ? undefined : compileFilter(spec.partialFilterExpression)
    const dirs = this.fields.map((f) => f.dir)
    this.entries = new SortedList<IndexEntry>((a, b) => {
      for (let i = 0; i < dirs.length; i++) {
        const c = compareValues(a.k[i], b.k[i])
        if (c !== 0) return c * dirs[i]
      }
      return a.r - b.r
    })
  }

  get isId (): boolean {
    return this.name === '_id_'
  }

  get expireAfterSeconds (): number | undefined {
    const e = this.spec.expireAfterSeconds
    return e === undefined ? undefined : toNumber(e)
  }

  // Key tuples for a document; none when a sparse or partial index leaves it out.
  keysFor (doc: Doc): unknown[][] {
    if (this.partial !== undefined && !this.partial(doc)) return []
    const perField = this.fields.map((f) => keyValues(doc, f.parts))
    if (this.sparse && this.fields.every((f) => isMissing(doc, f.parts))) return []
    const multiFields = perField.filter((p) => p.multi)
    if (multiFields.length > 1) {
      fail('CannotIndexParallelArrays', `cannot index parallel arrays [${this.fields.filter((_, i) => perField[i].multi).map((f) => f.path).join('] [')}]`)
    }
    if (perField.length === 1) {
      const vals = perField[0].values
      if (vals.length === 1) return [[vals[0]]]
      return dedupe(vals).map((v) => [v])
    }
    const out: unknown[][] = [[]]
    for (const p of perField) {
      const vals = p.values.length === 1 ? p.values : dedupe(p.values)
      const next: unknown[][] = []
      for (const prefix of out) for (const v of vals) next.push([...prefix, v])
      out.splice(0, out.length, ...next)
    }
    return out
  }

  isMultikeyDoc (doc: Doc): boolean {
    return this.fields.some((f) => keyValues(doc, f.parts).multi)
  }

  add (r: number, keys: unknown[][]): void {
    for (const k of keys) this.entries.insert({ k, r })
  }

  remove (r: number, keys: unknown[][]): void {
    for (const k of keys) this.entries.delete({ k, r })
  }

  // Record id of another document already holding one of these keys, for unique enforcement.
  conflict (keys: unknown[][], self: number): { r: number, k: unknown[] } | undefined {
    const dirs = this.fields.map((f) => f.dir)
    for (const k of keys) {
      const pos = this.entries.seek((e) => {
        for (let i = 0; i < dirs.length; i++) {
          const c = compareValues(e.k[i], k[i])
          if (c !== 0) return c * dirs[i] < 0
        }
        return false
      })
      for (const e of this.entries.from(pos, true)) {
        let equal = true
        for (let i = 0; i < dirs.length; i++) {
          if (compareValues(e.k[i], k[i]) !== 0) {
            equal = false
            break
          }
        }
        if (!equal) break
        if (e.r !== self) return { r: e.r, k }
      }
    }
    return undefined
  }
}

function isMissing (doc: Doc, parts: string[]): boolean {
  return collectValues(doc, parts).every((v) => v === MISSING)
}

function dedupe (values: unknown[]): unknown[] {
  const sorted = [...values].sort(compareValues)
  return sorted.filter((v, i) => i === 0 || compareValues(v, sorted[i - 1]) !== 0)
}
