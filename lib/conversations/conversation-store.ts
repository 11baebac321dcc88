import { ObjectId, type Collection, type Db, type Filter } from 'mongodb'
import { decodeListCursor, encodeListCursor } from './list-cursor.js'
import type { ConversationDoc, ConversationMetadata, MessageDoc, Now } from './types.js'

/** Items without the rolling summary (`summary`, `summaryUpTo`): a list never shows it. */
export interface ListPage { items: ConversationDoc[], nextCursor: string | null }

export interface ConversationStore {
  /**
   * `withFirstMessage`: the conversation is created holding sequence 1, for a first message the caller stores
   * next with MessageStore.insertFirst (no separate round trip to hand out the sequence).
   */
  create (ownerId: string, input: { title?: string, metadata?: ConversationMetadata, id?: ObjectId, withFirstMessage?: boolean }): Promise<ConversationDoc>
  get (ownerId: string, id: ObjectId): Promise<ConversationDoc | undefined>
  /** Newest activity first; `undefined` when the cursor is not a valid one. */
  list (ownerId: string, options: { limit: number, cursor?: string }): Promise<ListPage | undefined>
  setTitle (ownerId: string, id: ObjectId, title: string, options?: { onlyIfEmpty?: boolean }): Promise<ConversationDoc | undefined>
  /**
   * Replaces the rolling summary, unless another writer moved it since `expectedUpTo` (the summaryUpTo this
   * fold started from; undefined: none yet). False when it lost that race or the conversation is gone.
   */
  setSummary (ownerId: string, id: ObjectId, summary: { text: string, upTo: number, expectedUpTo: number | undefined }): Promise<boolean>
  /** Removes the conversation and its messages; false when there was none for this owner. */
  delete (ownerId: string, id: ObjectId): Promise<boolean>
}

export const DEFAULT_PLATFORM = 'api'

export function conversationsCollection (db: Db): Collection<ConversationDoc> {
  return db.collection<ConversationDoc>('conversations')
}

export function createConversationStore (db: Db, now: Now): ConversationStore {
  const conversations = conversationsCollection(db)
  const messages = db.collection<MessageDoc>('messages')

  return {
    async create (ownerId, { title = '', metadata = {}, id = new ObjectId(), withFirstMessage = false }) {
      const at = now()
      const doc: ConversationDoc = {
        _id: id,
        ownerId,
        title,
        platform: metadata.platform ?? DEFAULT_PLATFORM,
        createdAt: at,
        updatedAt: at,
        messageCount: withFirstMessage ? 1 : 0
      }
      if (metadata.chatId !== undefined) doc.chatId = metadata.chatId
      if (metadata.userId !== undefined) doc.userId = metadata.userId
      await conversations.insertOne(doc)
      return doc
    },

    async get (ownerId, id) {
      return (await conversations.findOne({ _id: id, ownerId })) ?? undefined
    },

    async list (ownerId, { limit, cursor }) {
      const filter: Filter<ConversationDoc> = { ownerId }
      if (cursor !== undefined) {
        const after = decodeListCursor(cursor)
        if (after === undefined) return undefined
        filter.$or = [
          { updatedAt: { $lt: after.updatedAt } },
          { updatedAt: after.updatedAt, _id: { $lt: after.id } }
        ]
      }
      // One extra row tells whether another page exists without a count.
      // The rolling summary is the largest field and no list shows it.
      const rows = await conversations.find(filter, { projection: { summary: 0, summaryUpTo: 0 } }).sort({ updatedAt: -1, _id: -1 }).limit(limit + 1).toArray()
      const items = rows.slice(0, limit)
      const last = items.at(-1)
      const nextCursor = rows.length > limit && last !== undefined
        ? encodeListCursor({ updatedAt: last.updatedAt, id: last._id })
        : null
      return { items, nextCursor }
    },

    async setTitle (ownerId, id, title, { onlyIfEmpty = false } = {}) {
      const filter: Filter<ConversationDoc> = onlyIfEmpty ? { _id: id, ownerId, title: '' } : { _id: id, ownerId }
      const updated = await conversations.findOneAndUpdate(filter, { $set: { title } }, { returnDocument: 'after' })
      return updated ?? undefined
    },

    async setSummary (ownerId, id, { text, upTo, expectedUpTo }) {
      const filter: Filter<ConversationDoc> = { _id: id, ownerId, summaryUpTo: expectedUpTo === undefined ? { $exists: false } : expectedUpTo }
      const result = await conversations.updateOne(filter, { $set: { summary: text, summaryUpTo: upTo } })
      return result.modifiedCount === 1
    },

    async delete (ownerId, id) {
      const result = await conversations.deleteOne({ _id: id, ownerId })
      if (result.deletedCount === 0) return false
      await messages.deleteMany({ conversationId: id, ownerId })
      return true
    }
  }
}
