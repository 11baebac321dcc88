// One collection: documents by record id, the _id map, and its indexes. Every mutation checks all
// unique constraints before touching anything, so a failed write leaves no trace.
import { UUID } from 'bson'
import { compareValues, keyOf, type Doc } from './bson-values.js'
import { fail, MongoServerError } from './errors.js'
import { formatValue } from './format.js'
import { Index } from './indexes.js'
import type { CollectionView } from './planner.js'

export const ID_INDEX_SPEC: Doc = { v: 2, key: { _id: 1 }, name: '_id_' }

export class Collection implements CollectionView {
  readonly docs = new Map<number, Doc>()
  readonly ids = new Map<string, number>()
  indexes: Index[] = [new Index(ID_INDEX_SPEC)]
  readonly uuid = new UUID()
  private nextRid = 1

  constructor (readonly db: string, public name: string, readonly options: Doc = {}) {}

  get ns (): string {
    return `${this.db}.${this.name}`
  }

  get size (): number {
    return this.docs.size
  }

  private duplicate (index: Index, key: unknown[]): MongoServerError {
    const keyValue: Doc = {}
    index.fields.forEach((f, i) => { keyValue[f.path] = key[i] })
    return new MongoServerError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: ${formatValue(keyValue)}`,
      { keyPattern: index.spec.key, keyValue }
    )
  }

  private keysFor (doc: Doc): unknown[][][] {
    return this.indexes.map((idx) => (idx.isId ? [[doc._id]] : idx.keysFor(doc)))
  }

  insert (doc: Doc): number {
    if (Array.isArray(doc._id)) fail('InvalidIdField', 'The \'_id\' value cannot be of type array')
    const idKey = keyOf(doc._id)
    if (this.ids.has(idKey)) throw this.duplicate(this.indexes[0], [doc._id])
    const keys = this.keysFor(doc)
    for (let i = 1; i < this.indexes.length; i++) {
      const idx = this.indexes[i]
      if (!idx.unique) continue
      const c = idx.conflict(keys[i], -1)
      if (c !== undefined) throw this.duplicate(idx, c.k)
    }
    const rid = this.nextRid++
    this.docs.set(rid, doc)
    this.ids.set(idKey, rid)
    for (let i = 0; i < this.indexes.length; i++) {
      const idx = this.indexes[i]
      idx.add(rid, keys[i])
      if (!idx.multikey && i > 0 && idx.isMultikeyDoc(doc)) idx.multikey = true
    }
    return rid
  }

  // Replaces a document whose _id is unchanged.
  replace (rid: number, doc: Doc): void {
    const old = this.docs.get(rid)
    if (old === undefined) return
    const oldKeys = this.keysFor(old)
    const newKeys = this.keysFor(doc)
    const changed = this.indexes.map((_, i) => !sameKeys(oldKeys[i], newKeys[i]))
    for (let i = 1; i < this.indexes.length; i++) {
      const idx = this.indexes[i]
      if (!idx.unique || !changed[i]) continue
      const c = idx.conflict(newKeys[i], rid)
      if (c !== undefined) throw this.duplicate(idx, c.k)
    }
    for (let i = 0; i < this.indexes.length; i++) {
      if (!changed[i]) continue
      const idx = this.indexes[i]
      idx.remove(rid, oldKeys[i])
      idx.add(rid, newKeys[i])
      if (!idx.multikey && i > 0 && idx.isMultikeyDoc(doc)) idx.multikey = true
    }
    this.docs.set(rid, doc)
  }

  remove (rid: number): Doc | undefined {
    const doc = this.docs.get(rid)
    if (doc === undefined) return undefined
    const keys = this.keysFor(doc)
    for (let i = 0; i < this.indexes.length; i++) this.indexes[i].remove(rid, keys[i])
    this.docs.delete(rid)
    this.ids.delete(keyOf(doc._id))
    return doc
  }

  ridForId (id: unknown): number | undefined {
    return this.ids.get(keyOf(id))
  }

  // Builds a new index over existing documents; fails without side effects on a unique violation.
  addIndex (spec: Doc): void {
    const idx = new Index(spec)
    for (const [rid, doc] of this.docs) {
      const keys = idx.keysFor(doc)
      if (idx.unique) {
        const c = idx.conflict(keys, rid)
        if (c !== undefined) {
          const err = this.duplicate(idx, c.k)
          throw new MongoServerError('DuplicateKey', `Index build failed: ${this.uuid.toHexString()}: Collection ${this.ns} ( ${this.uuid.toHexString()} ) :: caused by :: ${err.message}`, err.extra)
        }
      }
      idx.add(rid, keys)
      if (!idx.multikey && idx.isMultikeyDoc(doc)) idx.multikey = true
    }
    this.indexes.push(idx)
  }

  dropIndex (name: string): void {
    this.indexes = this.indexes.filter((i) => i.name !== name)
  }

  clear (): void {
    this.docs.clear()
    this.ids.clear()
    for (const idx of this.indexes) idx.entries.clear()
  }
}

function sameKeys (a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    for (let j = 0; j < x.length; j++) if (compareValues(x[j], y[j]) !== 0) return false
  }
  return true
}
