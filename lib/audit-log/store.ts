import { setTimeout as sleep } from 'node:timers/promises'
import { MongoServerError, type Db, type Filter } from 'mongodb'
import { checkLink, entryHash, GENESIS_HASH, type AuditAction, type AuditEntry, type AuditEvent } from './chain.js'

export const AUDIT_COLLECTION = 'audit_log'
/** The TTL index on `time` that applies AUDIT_RETENTION_DAYS: the one way entries ever leave the log. */
export const AUDIT_TTL_INDEX = 'audit_log_time_ttl'

type AuditDocument = Omit<AuditEntry, 'seq'> & { _id: number }

export interface AuditListQuery {
  action?: AuditAction
  /** An API key id, or `cli`. */
  actor?: string
  since?: Date
  until?: Date
  /** Entries with a sequence number below this one (the previous page's `next`). */
  before?: number
  limit: number
}

export interface AuditPage { items: AuditEntry[], next: number | null }

export type VerifyReport =
  | { ok: true, entries: number, firstSeq: number | null, lastSeq: number | null, headHash: string | null }
  | { ok: false, entries: number, bad: AuditEntry, reason: string }

export interface AuditLogOptions {
  db: Db
  now?: () => Date
  /** Appends that lose the race for a sequence number try again, at most this many times. */
  maxAttempts?: number
}

const DUPLICATE_KEY = 11000
const INDEX_NOT_FOUND = 27

function ignoreCode (code: number) {
  return (err: unknown): void => {
    if (!(err instanceof MongoServerError && err.code === code)) throw err
  }
}

function toEntry ({ _id, ...rest }: AuditDocument): AuditEntry {
  const entry: AuditEntry = { seq: _id, ...rest }
  if (entry.count === undefined || entry.count === null) delete entry.count
  return entry
}

function actorFilter (actor: string): Filter<AuditDocument> {
  if (actor === 'cli' || actor === 'system' || actor === 'anonymous') return { 'actor.type': actor }
  return { 'actor.keyId': actor }
}

// The append-only `audit_log` collection. The sequence number is the document's `_id`: two instances
// appending at once both read entry N and both try to insert N + 1; the unique `_id` lets exactly one
// win, and the other reads the new head and tries again. So the chain never forks.
export function createAuditLog ({ db, now = () => new Date(), maxAttempts = 50 }: AuditLogOptions) {
  const entries = db.collection<AuditDocument>(AUDIT_COLLECTION)

  async function append (event: AuditEvent): Promise<AuditEntry> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const head = await entries.find({}, { projection: { _id: 1, hash: 1 } }).sort({ _id: -1 }).limit(1).next()
      const body: Omit<AuditEntry, 'hash'> = {
        seq: (head?._id ?? 0) + 1,
        time: now(),
        actor: event.actor,
        action: event.action,
        target: event.target,
        ip: event.ip,
        requestId: event.requestId,
        outcome: event.outcome,
        ...(event.count === undefined ? {} : { count: event.count }),
        prevHash: head?.hash ?? GENESIS_HASH
      }
      const entry: AuditEntry = { ...body, hash: entryHash(body) }
      const { seq, ...rest } = entry
      try {
        await entries.insertOne({ _id: seq, ...rest })
        return entry
      } catch (err) {
        if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err
        // Lost the race for this number: back off a little (jittered) so two appenders do not collide again.
        await sleep(Math.floor(Math.random() * 5 * (attempt + 1)))
      }
    }
    throw new Error(`audit log: no free sequence number after ${maxAttempts} attempts`)
  }

  return {
    append,

    /** Newest first, filtered, one page at a time. */
    async list (query: AuditListQuery): Promise<AuditPage> {
      const filter: Filter<AuditDocument> = {}
      if (query.action !== undefined) filter.action = query.action
      if (query.actor !== undefined) Object.assign(filter, actorFilter(query.actor))
      if (query.since !== undefined || query.until !== undefined) {
        filter.time = {
          ...(query.since === undefined ? {} : { $gte: query.since }),
          ...(query.until === undefined ? {} : { $lt: query.until })
        }
      }
      if (query.before !== undefined) filter._id = { $lt: query.before }
      const docs = await entries.find(filter).sort({ _id: -1 }).limit(query.limit + 1).toArray()
      const items = docs.slice(0, query.limit).map(toEntry)
      const last = items.at(-1)
      return { items, next: docs.length > query.limit && last !== undefined ? last.seq : null }
    },

    /**
     * Walks the chain from the oldest remaining entry (retention may have removed the ones before it) to
     * the newest, and stops at the first entry that was edited, follows a removed one, or is out of order.
     */
    async verify (): Promise<VerifyReport> {
      let previous: AuditEntry | undefined
      let first: AuditEntry | undefined
      let count = 0
      for await (const doc of entries.find({}).sort({ _id: 1 })) {
        const entry = toEntry(doc)
        const check = checkLink(entry, previous)
        if (!check.ok) return { ok: false, entries: count, bad: entry, reason: check.reason }
        first ??= entry
        previous = entry
        count++
      }
      return { ok: true, entries: count, firstSeq: first?.seq ?? null, lastSeq: previous?.seq ?? null, headHash: previous?.hash ?? null }
    },

    /**
     * Makes the TTL index match the configured retention. Its lifetime is configuration, not schema, so it
     * is kept here rather than in a migration; an index with another lifetime is replaced (the embedded
     * server has no collMod).
     */
    async ensureRetention (days: number): Promise<void> {
      const seconds = days * 86_400
      const existing = (await entries.listIndexes().toArray().catch(() => [])).find((index) => index.name === AUDIT_TTL_INDEX)
      if (existing?.expireAfterSeconds === seconds) return
      // Two instances starting together may both replace it: the loser's drop finds nothing (IndexNotFound).
      if (existing !== undefined) await entries.dropIndex(AUDIT_TTL_INDEX).catch(ignoreCode(INDEX_NOT_FOUND))
      await entries.createIndex({ time: 1 }, { name: AUDIT_TTL_INDEX, expireAfterSeconds: seconds })
    }
  }
}

export type AuditLog = ReturnType<typeof createAuditLog>
