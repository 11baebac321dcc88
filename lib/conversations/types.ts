import type { ObjectId } from 'mongodb'

// The stored documents of DESIGN.md section 4. Owner ids are the API key ids (principal.keyId): every
// read and write filters on them, so another key's data is indistinguishable from absent data.

export type Role = 'user' | 'assistant'

export interface ToolCallRecord { name: string, ok: boolean }

/** Model tokens one reply cost (every model turn of it, tool rounds included). */
export interface MessageUsage { promptTokens: number, completionTokens: number }

export interface ConversationMetadata { platform?: string, chatId?: string, userId?: string }

export interface ConversationDoc {
  _id: ObjectId
  ownerId: string
  title: string
  platform: string
  chatId?: string
  userId?: string
  createdAt: Date
  updatedAt: Date
  messageCount: number
  /** The rolling summary of the messages up to `summaryUpTo` (their seq), written by the model. */
  summary?: string
  summaryUpTo?: number
}

export interface MessageDoc {
  _id: ObjectId
  conversationId: ObjectId
  ownerId: string
  seq: number
  role: Role
  content: string
  createdAt: Date
  toolCalls?: ToolCallRecord[]
  /** Tokens of `content` as the assistant counts them (gpt-tokenizer, ChatML overhead included). */
  tokens?: number
  /** On assistant messages: the model tokens the reply cost. */
  usage?: MessageUsage
  /** On assistant messages: the `seq` of the user message answered. */
  inReplyTo?: number
  /**
   * On user messages: while a reply is being produced, when that started. A second producer
   * (`POST .../reply`) stays away until it is cleared (failure) or stale.
   */
  replyClaimedAt?: Date
}

export interface SessionDoc {
  _id: string
  conversationId: ObjectId
  expiresAt: Date
}

export type IdempotencyState = 'pending' | 'failed' | 'done'

export interface IdempotencyDoc {
  _id: string
  requestHash: string
  state: IdempotencyState
  /** While pending: when another request may take the record over (its owner died). */
  lockedUntil: Date
  status?: number
  response?: unknown
  /** What a failed attempt left behind (e.g. the stored user message), so a retry resumes instead of repeating. */
  progress?: Record<string, unknown>
  createdAt: Date
  expiresAt: Date
}

export type Now = () => Date
