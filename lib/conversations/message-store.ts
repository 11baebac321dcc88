import { ObjectId, type Collection, type Db, type Filter } from 'mongodb'
import { conversationsCollection } from './conversation-store.js'
import type { ConversationDoc, MessageDoc, MessageUsage, Now, Role, ToolCallRecord } from './types.js'

export interface AppendInput {
  role: Role
  content: string
  toolCalls?: ToolCallRecord[]
  inReplyTo?: number
  /** For a user message whose reply is produced right away: claims it against `POST .../reply`. */
  claimReply?: boolean
  /** The content's token count, stored so later turns budget their history without re-tokenizing it. */
  tokens?: number
  /** On assistant messages: the model tokens the reply cost. */
  usage?: MessageUsage
}

export interface Appended { message: MessageDoc, conversation: ConversationDoc }

/** What a page of a conversation shows of a message (messageView) and its position. */
export type PageDoc = Pick<MessageDoc, '_id' | 'seq' | 'role' | 'content' | 'createdAt' | 'toolCalls'>

const PAGE_PROJECTION = { _id: 1, seq: 1, role: 1, content: 1, createdAt: 1, toolCalls: 1 } as const

export interface MessagePage { messages: PageDoc[], nextBefore: number | null }

/** What a turn's history needs of a stored message: the rest is not read (a turn reads up to 50 of them). */
export type HistoryDoc = Pick<MessageDoc, 'seq' | 'role' | 'content' | 'tokens'>

const HISTORY_PROJECTION = { _id: 0, seq: 1, role: 1, content: 1, tokens: 1 } as const

export interface MessageStore {
  /**
   * Appends with the next sequence number of the conversation, returning the message and the conversation
   * as updated; undefined when the conversation is gone (or another owner's).
   */
  append (ownerId: string, conversationId: ObjectId, input: AppendInput): Promise<Appended | undefined>
  /** Stores the first message (seq 1) of a conversation just created `withFirstMessage`: one write. */
  insertFirst (ownerId: string, conversation: ConversationDoc, input: AppendInput): Promise<Appended>
  bySeq (ownerId: string, conversationId: ObjectId, seq: number): Promise<MessageDoc | undefined>
  /** The latest `limit` messages with seq below `before` (all when absent), oldest first. */
  page (ownerId: string, conversationId: ObjectId, options: { limit: number, before?: number }): Promise<MessagePage>
  /**
   * The latest `limit` messages up to and including `uptoSeq` and after `afterSeq` (the rolling summary's
   * end; default none), oldest first: the assistant's history.
   */
  history (conversationId: ObjectId, uptoSeq: number, limit: number, afterSeq?: number): Promise<HistoryDoc[]>
  /** Every message with `afterSeq` < seq <= `uptoSeq`, oldest first (what a summary fold reads). */
  range (conversationId: ObjectId, afterSeq: number, uptoSeq: number): Promise<MessageDoc[]>
  lastUserMessage (ownerId: string, conversationId: ObjectId): Promise<MessageDoc | undefined>
  replyTo (conversationId: ObjectId, seq: number): Promise<MessageDoc | undefined>
  /** Marks a user message as being answered unless another producer holds a claim newer than `staleBefore`. */
  claimReply (messageId: ObjectId, staleBefore: Date): Promise<boolean>
  releaseReply (messageId: ObjectId): Promise<void>
}

function messageDoc (ownerId: string, conversationId: ObjectId, seq: number, input: AppendInput, at: Date): MessageDoc {
  const doc: MessageDoc = { _id: new ObjectId(), conversationId, ownerId, seq, role: input.role, content: input.content, createdAt: at }
  if (input.toolCalls !== undefined && input.toolCalls.length > 0) doc.toolCalls = input.toolCalls
  if (input.inReplyTo !== undefined) doc.inReplyTo = input.inReplyTo
  if (input.claimReply === true) doc.replyClaimedAt = at
  if (input.tokens !== undefined) doc.tokens = input.tokens
  if (input.usage !== undefined) doc.usage = input.usage
  return doc
}

export function messagesCollection (db: Db): Collection<MessageDoc> {
  return db.collection<MessageDoc>('messages')
}

export function createMessageStore (db: Db, now: Now): MessageStore {
  const conversations = conversationsCollection(db)
  const messages = messagesCollection(db)

  return {
    async append (ownerId, conversationId, input) {
      const at = now()
      // The conversation hands out the sequence atomically: concurrent appends get distinct, gap-free
      // numbers, and the unique {conversationId, seq} index guards against anything else.
      const conversation = await conversations.findOneAndUpdate(
        { _id: conversationId, ownerId },
        { $inc: { messageCount: 1 }, $max: { updatedAt: at } },
        { returnDocument: 'after' }
      )
      if (conversation === null) return undefined
      const doc = messageDoc(ownerId, conversationId, conversation.messageCount, input, at)
      await messages.insertOne(doc)
      return { message: doc, conversation }
    },

    async insertFirst (ownerId, conversation, input) {
      if (conversation.messageCount !== 1) throw new Error('insertFirst needs a conversation created withFirstMessage')
      const doc = messageDoc(ownerId, conversation._id, 1, input, conversation.createdAt)
      await messages.insertOne(doc)
      return { message: doc, conversation }
    },

    async bySeq (ownerId, conversationId, seq) {
      return (await messages.findOne({ conversationId, ownerId, seq })) ?? undefined
    },

    async page (ownerId, conversationId, { limit, before }) {
      const filter: Filter<MessageDoc> = { conversationId, ownerId }
      if (before !== undefined) filter.seq = { $lt: before }
      const rows = await messages.find(filter, { projection: PAGE_PROJECTION }).sort({ seq: -1 }).limit(limit + 1).toArray() as PageDoc[]
      const newestFirst = rows.slice(0, limit)
      const oldest = newestFirst.at(-1)
      return {
        messages: newestFirst.reverse(),
        nextBefore: rows.length > limit && oldest !== undefined ? oldest.seq : null
      }
    },

    async history (conversationId, uptoSeq, limit, afterSeq) {
      const seq = afterSeq === undefined ? { $lte: uptoSeq } : { $gt: afterSeq, $lte: uptoSeq }
      const rows = await messages.find({ conversationId, seq }, { projection: HISTORY_PROJECTION }).sort({ seq: -1 }).limit(limit).toArray()
      return (rows as HistoryDoc[]).reverse()
    },

    async range (conversationId, afterSeq, uptoSeq) {
      return messages.find({ conversationId, seq: { $gt: afterSeq, $lte: uptoSeq } }).sort({ seq: 1 }).toArray()
    },

    async lastUserMessage (ownerId, conversationId) {
      const [row] = await messages.find({ conversationId, ownerId, role: 'user' }).sort({ seq: -1 }).limit(1).toArray()
      return row
    },

    async replyTo (conversationId, seq) {
      return (await messages.findOne({ conversationId, role: 'assistant', inReplyTo: seq })) ?? undefined
    },

    async claimReply (messageId, staleBefore) {
      const claimed = await messages.findOneAndUpdate(
        { _id: messageId, $or: [{ replyClaimedAt: { $exists: false } }, { replyClaimedAt: { $lt: staleBefore } }] },
        { $set: { replyClaimedAt: now() } },
        { projection: { _id: 1 } }
      )
      return claimed !== null
    },

    async releaseReply (messageId) {
      await messages.updateOne({ _id: messageId }, { $unset: { replyClaimedAt: '' } })
    }
  }
}
