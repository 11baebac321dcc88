import { MongoServerError, type Collection, type Db, type ObjectId } from 'mongodb'
import { parseObjectId } from './object-id.js'
import type { KeyValueStore } from '../kv/types.js'
import type { Now, SessionDoc } from './types.js'

export interface SessionAddress { platform: string, chatId: string, ownerId: string }

export interface SessionStore {
  /** The conversation of the chat's active session, its expiry slid forward; undefined when none is active. */
  continue (address: SessionAddress): Promise<ObjectId | undefined>
  /**
   * Makes `conversationId` the chat's active session unless another one is active (a concurrent first
   * message won the race): returns the conversation that is active afterwards.
   */
  start (address: SessionAddress, conversationId: ObjectId): Promise<ObjectId>
  end (address: SessionAddress): Promise<void>
}

export interface SessionStoreOptions {
  db: Db
  now: Now
  ttlMs: number
  /**
   * Fast path (Redis when configured) that saves the lookup. MongoDB stays the truth: the slide is a
   * conditional update on the cached conversation, so a stale entry can never revive an ended session.
   */
  kv?: KeyValueStore
}

const DUPLICATE_KEY = 11000

export function sessionKey ({ platform, chatId, ownerId }: SessionAddress): string {
  return `${platform}:${chatId}:${ownerId}`
}

function isDuplicateKey (err: unknown): boolean {
  return err instanceof MongoServerError && err.code === DUPLICATE_KEY
}

export function createSessionStore ({ db, now, ttlMs, kv }: SessionStoreOptions): SessionStore {
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>('sessions')
  const kvKey = (id: string): string => `session:${id}`

  // The cache is an optimisation only: any failure of it is ignored and MongoDB answers.
  async function cached (id: string): Promise<ObjectId | undefined> {
    if (kv === undefined) return undefined
    try {
      const value = await kv.get(kvKey(id))
      return value === undefined ? undefined : parseObjectId(value)
    } catch {
      return undefined
    }
  }
  async function remember (id: string, conversationId: ObjectId): Promise<void> {
    try { await kv?.set(kvKey(id), conversationId.toHexString(), ttlMs) } catch {}
  }
  async function forget (id: string): Promise<void> {
    try { await kv?.del(kvKey(id)) } catch {}
  }

  async function fromMongo (id: string): Promise<ObjectId | undefined> {
    const doc = await sessions.findOne({ _id: id, expiresAt: { $gt: now() } })
    return doc?.conversationId
  }

  return {
    async continue (address) {
      const id = sessionKey(address)
      const at = now()
      const expiresAt = new Date(at.getTime() + ttlMs)
      const hint = await cached(id)
      if (hint !== undefined) {
        const slid = await sessions.updateOne({ _id: id, conversationId: hint, expiresAt: { $gt: at } }, { $set: { expiresAt } })
        if (slid.matchedCount === 1) {
          await remember(id, hint)
          return hint
        }
      }
      const doc = await sessions.findOneAndUpdate({ _id: id, expiresAt: { $gt: at } }, { $set: { expiresAt } }, { returnDocument: 'after' })
      if (doc === null) {
        if (hint !== undefined) await forget(id)
        return undefined
      }
      await remember(id, doc.conversationId)
      return doc.conversationId
    },

    async start (address, conversationId) {
      const id = sessionKey(address)
      const at = now()
      try {
        // Matches only an expired session (or none, through the upsert); an active one makes the upsert's
        // insert collide on _id, which is how a concurrent winner is detected.
        await sessions.updateOne(
          { _id: id, expiresAt: { $lte: at } },
          { $set: { conversationId, expiresAt: new Date(at.getTime() + ttlMs) } },
          { upsert: true }
        )
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        const winner = await fromMongo(id)
        if (winner !== undefined) {
          await remember(id, winner)
          return winner
        }
        // The winner's session expired in between: take the slot over.
        await sessions.replaceOne({ _id: id }, { conversationId, expiresAt: new Date(at.getTime() + ttlMs) }, { upsert: true })
      }
      await remember(id, conversationId)
      return conversationId
    },

    async end (address) {
      const id = sessionKey(address)
      await sessions.deleteOne({ _id: id })
      await forget(id)
    }
  }
}
