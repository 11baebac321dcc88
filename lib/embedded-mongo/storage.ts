// All databases and collections, and their durability. Commands mutate memory synchronously and record
// what they did in an op log; `commit` appends that log as one journal entry and resolves once it is
// fsynced, which is when the command may reply. Replay is idempotent (puts and deletes by _id), so an
// entry that also made it into a snapshot does no harm.
import { calculateObjectSize, type Document } from 'bson'
import { keyOf, normalizeDoc, type Doc } from './bson-values.js'
import { Collection, ID_INDEX_SPEC } from './collection.js'
import { fail } from './errors.js'
import type { Journal, RecoveredState } from './journal.js'
import type { EmbeddedMongoLogger } from './options.js'

export type OpLog = Doc[]

const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024
// bson serializes at most ~17 MB in one call; a large batch becomes several consecutive entries.
const MAX_ENTRY_BYTES = 8 * 1024 * 1024

function entriesFor (log: OpLog): OpLog[] {
  if (log.length === 1) return [log]
  const out: OpLog[] = []
  let current: OpLog = []
  let bytes = 0
  for (const op of log) {
    const size = calculateObjectSize(op)
    if (current.length > 0 && bytes + size > MAX_ENTRY_BYTES) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(op)
    bytes += size
  }
  if (current.length > 0) out.push(current)
  return out
}

export class Storage {
  readonly dbs = new Map<string, Map<string, Collection>>()
  private journal: Journal | undefined
  private compacting: Promise<void> | undefined
  private readonly compactBytes: number

  constructor (private readonly logger: EmbeddedMongoLogger, compactBytes?: number) {
    this.compactBytes = compactBytes ?? DEFAULT_COMPACT_BYTES
  }

  // --- Lookup and namespace changes -------------------------------------------------------------

  collection (db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name)
  }

  collections (db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])]
  }

  createCollection (db: string, name: string, options: Doc, log: OpLog): Collection {
    let colls = this.dbs.get(db)
    if (colls === undefined) {
      colls = new Map()
      this.dbs.set(db, colls)
    }
    if (colls.has(name)) fail('NamespaceExists', `Collection ${db}.${name} already exists.`)
    const coll = new Collection(db, name, options)
    colls.set(name, coll)
    log.push({ op: 'createColl', db, coll: name, options })
    return coll
  }

  ensureCollection (db: string, name: string, log: OpLog): { coll: Collection, created: boolean } {
    const existing = this.collection(db, name)
    if (existing !== undefined) return { coll: existing, created: false }
    return { coll: this.createCollection(db, name, {}, log), created: true }
  }

  dropCollection (db: string, name: string, log: OpLog): boolean {
    const colls = this.dbs.get(db)
    if (colls?.get(name) === undefined) return false
    colls.delete(name)
    if (colls.size === 0) this.dbs.delete(db)
    log.push({ op: 'dropColl', db, coll: name })
    return true
  }

  dropDatabase (db: string, log: OpLog): void {
    if (!this.dbs.has(db)) return
    this.dbs.delete(db)
    log.push({ op: 'dropDb', db })
  }

  renameCollection (from: Collection, toDb: string, toName: string, log: OpLog): void {
    const src = this.dbs.get(from.db)
    src?.delete(from.name)
    if (src !== undefined && src.size === 0) this.dbs.delete(from.db)
    let colls = this.dbs.get(toDb)
    if (colls === undefined) {
      colls = new Map()
      this.dbs.set(toDb, colls)
    }
    const moved = toDb === from.db ? from : this.copyInto(from, toDb, toName)
    moved.name = toName
    colls.set(toName, moved)
    log.push({ op: 'rename', db: from.db, coll: from.name, toDb, to: toName })
  }

  private copyInto (from: Collection, db: string, name: string): Collection {
    const coll = new Collection(db, name, from.options)
    for (const idx of from.indexes) if (!idx.isId) coll.addIndex(idx.spec)
    for (const doc of from.docs.values()) coll.insert(doc)
    return coll
  }

  // --- Document writes (memory + op log) -------------------------------------------------------

  insert (coll: Collection, doc: Doc, log: OpLog): number {
    const rid = coll.insert(doc)
    log.push({ op: 'put', db: coll.db, coll: coll.name, doc })
    return rid
  }

  replace (coll: Collection, rid: number, doc: Doc, log: OpLog): void {
    coll.replace(rid, doc)
    log.push({ op: 'put', db: coll.db, coll: coll.name, doc })
  }

  remove (coll: Collection, rid: number, log: OpLog): void {
    const doc = coll.remove(rid)
    if (doc !== undefined) log.push({ op: 'del', db: coll.db, coll: coll.name, id: doc._id })
  }

  createIndex (coll: Collection, spec: Doc, log: OpLog): void {
    coll.addIndex(spec)
    log.push({ op: 'createIndex', db: coll.db, coll: coll.name, spec })
  }

  dropIndex (coll: Collection, name: string, log: OpLog): void {
    coll.dropIndex(name)
    log.push({ op: 'dropIndex', db: coll.db, coll: coll.name, name })
  }

  // --- Durability -------------------------------------------------------------------------------

  // Whether writes must wait for `commit`; without a journal a command can reply at once.
  get journaled (): boolean {
    return this.journal !== undefined
  }

  attach (journal: Journal, recovered: RecoveredState): void {
    this.journal = journal
    this.restore(recovered)
  }

  async commit (log: OpLog): Promise<void> {
    const journal = this.journal
    if (journal === undefined || log.length === 0) return
    await Promise.all(entriesFor(log).map(async (ops) => await journal.append({ ops })))
    if (journal.bytesSinceCompact > this.compactBytes && this.compacting === undefined) {
      this.compact().catch((err: unknown) => this.logger.error(`embedded-mongo: compaction failed: ${String(err)}`))
    }
  }

  // The journal encodes the snapshot synchronously and orders it after every append made so far, so
  // writes keep flowing while the snapshot file is written.
  compact (): Promise<void> {
    const journal = this.journal
    if (journal === undefined) return Promise.resolve()
    this.compacting ??= journal.compact(this.snapshot()).finally(() => { this.compacting = undefined })
    return this.compacting
  }

  snapshot (): Document[] {
    const out: Document[] = []
    for (const [db, colls] of this.dbs) {
      for (const [name, coll] of colls) {
        out.push({ t: 'coll', db, coll: name, options: coll.options, indexes: coll.indexes.filter((i) => !i.isId).map((i) => i.spec) })
        for (const doc of coll.docs.values()) out.push({ t: 'doc', db, coll: name, doc })
      }
    }
    return out
  }

  async close (): Promise<void> {
    const journal = this.journal
    if (journal === undefined) return
    try {
      if (this.compacting !== undefined) await this.compacting.catch(() => undefined)
      await this.compact()
    } catch (err) {
      this.logger.error(`embedded-mongo: final compaction failed: ${String(err)}`)
    }
    await journal.close()
    this.journal = undefined
  }

  private restore (recovered: RecoveredState): void {
    const state = new ReplayState()
    for (const rec of recovered.snapshot) state.applySnapshotRecord(rec)
    for (const entry of recovered.entries) {
      const ops = entry.ops
      if (!Array.isArray(ops)) continue
      for (const op of ops) state.applyOp(op as Doc)
    }
    for (const ns of state.namespaces.values()) {
      let colls = this.dbs.get(ns.db)
      if (colls === undefined) {
        colls = new Map()
        this.dbs.set(ns.db, colls)
      }
      const coll = new Collection(ns.db, ns.coll, ns.options)
      colls.set(ns.coll, coll)
      for (const spec of ns.indexes.values()) {
        try {
          coll.addIndex(spec)
        } catch (err) {
          this.logger.error(`embedded-mongo: could not rebuild index ${String(spec.name)} on ${coll.ns}: ${String(err)}`)
        }
      }
      for (const doc of ns.docs.values()) {
        try {
          coll.insert(doc)
        } catch (err) {
          this.logger.error(`embedded-mongo: could not restore a document in ${coll.ns}: ${String(err)}`)
        }
      }
    }
  }
}

interface ReplayNamespace { db: string, coll: string, options: Doc, indexes: Map<string, Doc>, docs: Map<string, Doc> }

// Journal replay happens on plain maps first and indexes are built at the end, so an intermediate
// state never has to satisfy unique constraints.
class ReplayState {
  readonly namespaces = new Map<string, ReplayNamespace>()

  private ns (db: string, coll: string, options: Doc = {}): ReplayNamespace {
    const key = `${db}.${coll}`
    let ns = this.namespaces.get(key)
    if (ns === undefined) {
      ns = { db, coll, options, indexes: new Map(), docs: new Map() }
      this.namespaces.set(key, ns)
    }
    return ns
  }

  applySnapshotRecord (rec: Document): void {
    const db = String(rec.db)
    const coll = String(rec.coll)
    if (rec.t === 'coll') {
      const ns = this.ns(db, coll, normalizeDoc((rec.options ?? {}) as Doc))
      for (const spec of (rec.indexes ?? []) as Doc[]) ns.indexes.set(String(spec.name), normalizeDoc(spec))
    } else if (rec.t === 'doc') {
      const doc = normalizeDoc(rec.doc as Doc)
      this.ns(db, coll).docs.set(keyOf(doc._id), doc)
    }
  }

  applyOp (op: Doc): void {
    const db = String(op.db)
    const coll = String(op.coll)
    switch (op.op) {
      case 'put': {
        const doc = normalizeDoc(op.doc as Doc)
        this.ns(db, coll).docs.set(keyOf(doc._id), doc)
        break
      }
      case 'del':
        this.namespaces.get(`${db}.${coll}`)?.docs.delete(keyOf(op.id))
        break
      case 'createColl':
        this.ns(db, coll, normalizeDoc((op.options ?? {}) as Doc))
        break
      case 'dropColl':
        this.namespaces.delete(`${db}.${coll}`)
        break
      case 'dropDb':
        for (const [key, ns] of this.namespaces) if (ns.db === db) this.namespaces.delete(key)
        break
      case 'createIndex': {
        const spec = normalizeDoc(op.spec as Doc)
        if (spec.name !== ID_INDEX_SPEC.name) this.ns(db, coll).indexes.set(String(spec.name), spec)
        break
      }
      case 'dropIndex':
        this.namespaces.get(`${db}.${coll}`)?.indexes.delete(String(op.name))
        break
      case 'rename': {
        const from = this.namespaces.get(`${db}.${coll}`)
        if (from === undefined) break
        this.namespaces.delete(`${db}.${coll}`)
        const toDb = String(op.toDb)
        const to = String(op.to)
        this.namespaces.set(`${toDb}.${to}`, { ...from, db: toDb, coll: to })
        break
      }
    }
  }
}
