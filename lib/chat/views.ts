// The JSON shapes the API returns (DESIGN.md 3.1), built from stored documents. Plain data with ISO
// strings, so a response stored for an idempotent retry is byte-for-byte what the first request got.
import type { ConversationDoc, MessageDoc } from '../conversations/index.js'

export interface MessageView {
  id: string
  role: 'user' | 'assistant'
  content: string
  createdAt: string
  toolCalls?: Array<{ name: string, ok: boolean }>
}

export interface ConversationView {
  id: string
  title: string
  createdAt: string
  updatedAt: string
  messageCount: number
  metadata: { platform: string, chatId?: string, userId?: string }
}

export function messageView (doc: Pick<MessageDoc, '_id' | 'role' | 'content' | 'createdAt' | 'toolCalls'>): MessageView {
  const view: MessageView = { id: doc._id.toHexString(), role: doc.role, content: doc.content, createdAt: doc.createdAt.toISOString() }
  if (doc.toolCalls !== undefined && doc.toolCalls.length > 0) view.toolCalls = doc.toolCalls.map(({ name, ok }) => ({ name, ok }))
  return view
}

export function conversationView (doc: ConversationDoc): ConversationView {
  const metadata: ConversationView['metadata'] = { platform: doc.platform }
  if (doc.chatId !== undefined) metadata.chatId = doc.chatId
  if (doc.userId !== undefined) metadata.userId = doc.userId
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    messageCount: doc.messageCount,
    metadata
  }
}
