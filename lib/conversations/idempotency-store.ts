import { MongoServerError, type Collection, type Db } from 'mongodb'
import type { IdempotencyDoc, Now } from './types.js'

export type ClaimResult =
  | { kind: 'claimed', progress?: Record<string, unknown> }
  | { kind: 'done', status: number, response: unknown }
  | { kind: 'busy' }
  | { kind: 'mismatch' }

export interface IdempotencyStore {
  /** Takes the record for this request, or says why not: already answered, in progress, or another request. */
  claim (id: string, requestHash: string): Promise<ClaimResult>
  /** Saves what the attempt has done so far, so a retry after a failure resumes instead of repeating it. */
  checkpoint (id: string, progress: Record<string, unknown>): Promise<void>
  complete (id: string, status: number, response: unknown): Promise<void>
  /** The attempt failed: the next request with the key runs again (with the saved progress). */
  fail (id: string): Promise<void>
}

export interface IdempotencyStoreOptions {
  db: Db
  now: Now
  /** How long a record (and so a stored response) lives: 24 h. */
  retentionMs?: number
  /** How long a pending record is held before another request may take it over (its owner died). */
  lockMs?: number
}

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000
const DUPLICATE_KEY = 11000

export function idempotencyRecordId (ownerId: string, key: string): string {
  return `${ownerId}:${key}`
}

export function createIdempotencyStore ({ db, now, retentionMs = IDEMPOTENCY_RETENTION_MS, lockMs = 150_000 }: IdempotencyStoreOptions): IdempotencyStore {
  const records: Collection<IdempotencyDoc> = db.collection<IdempotencyDoc>('idempotency')

  async function insert (id: string, requestHash: string): Promise<boolean> {
    const at = now()
    try {
      await records.insertOne({
        _id: id,
        requestHash,
        state: 'pending',
        lockedUntil: new Date(at.getTime() + lockMs),
        createdAt: at,
        expiresAt: new Date(at.getTime() + retentionMs)
      })
      return true
    } catch (err) {
      if (err instanceof MongoServerError && err.code === DUPLICATE_KEY) return false
      throw err
    }
  }

  return {
    async claim (id, requestHash) {
      // The insert is the lock: of concurrent requests with one key exactly one creates the record.
      if (await insert(id, requestHash)) return { kind: 'claimed' }
      const at = now()
      const existing = await records.findOne({ _id: id })
      if (existing === null || existing.expiresAt <= at) {
        // Expired but not yet swept by the TTL monitor: it no longer counts.
        await records.deleteOne({ _id: id, expiresAt: { $lte: at } })
        return await insert(id, requestHash) ? { kind: 'claimed' } : { kind: 'busy' }
      }
      if (existing.requestHash !== requestHash) return { kind: 'mismatch' }
      if (existing.state === 'done') return { kind: 'done', status: existing.status ?? 200, response: existing.response }
      const taken = await records.findOneAndUpdate(
        { _id: id, requestHash, $or: [{ state: 'failed' }, { state: 'pending', lockedUntil: { $lte: at } }] },
        { $set: { state: 'pending', lockedUntil: new Date(at.getTime() + lockMs) } },
        { returnDocument: 'after' }
      )
      if (taken === null) return { kind: 'busy' }
      return taken.progress === undefined ? { kind: 'claimed' } : { kind: 'claimed', progress: taken.progress }
    },

    async checkpoint (id, progress) {
      await records.updateOne({ _id: id }, { $set: { progress } })
    },

    async complete (id, status, response) {
      await records.updateOne({ _id: id }, { $set: { state: 'done', status, response }, $unset: { progress: '' } })
    },

    async fail (id) {
      await records.updateOne({ _id: id, state: 'pending' }, { $set: { state: 'failed', lockedUntil: now() } })
    }
  }
}
