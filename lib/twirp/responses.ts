// Shapes chat service results as the Go service's Twirp responses (DESIGN.md 3.2): snake_case fields,
// empty and zero fields omitted as protobuf JSON does (an empty list answers `{}`), roles as the enum
// strings USER and ASSISTANT, timestamps in RFC 3339 UTC.
import type { ConversationView, MessageView, TurnResult } from '../chat/index.js'

export type TwirpRole = 'USER' | 'ASSISTANT'

export interface TwirpMessage { id: string, role: TwirpRole, content?: string, timestamp: string }
export interface TwirpConversation { id: string, title?: string, timestamp: string, messages?: TwirpMessage[] }

export interface StartConversationResponse { conversation_id: string, title?: string, reply?: string }
export interface ContinueConversationResponse { reply?: string }
export interface ListConversationsResponse { conversations?: TwirpConversation[] }
export interface DescribeConversationResponse { conversation: TwirpConversation }

/**
 * RFC 3339 in UTC the way protobuf JSON writes a Timestamp: whole seconds without a fraction,
 * otherwise milliseconds ("2026-11-25T12:00:00Z", "2026-11-25T12:00:00.250Z").
 */
export function rfc3339 (iso: string): string {
  const text = new Date(iso).toISOString()
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text
}

export function twirpMessage (message: MessageView): TwirpMessage {
  const shaped: TwirpMessage = { id: message.id, role: message.role === 'user' ? 'USER' : 'ASSISTANT', timestamp: rfc3339(message.createdAt) }
  if (message.content !== '') shaped.content = message.content
  return shaped
}

/** A conversation; its timestamp is the last update. Messages only when there are some. */
export function twirpConversation (conversation: ConversationView, messages: MessageView[] = []): TwirpConversation {
  const shaped: TwirpConversation = { id: conversation.id, timestamp: rfc3339(conversation.updatedAt) }
  if (conversation.title !== '') shaped.title = conversation.title
  if (messages.length > 0) shaped.messages = messages.map(twirpMessage)
  return shaped
}

export function startConversationResponse (turn: TurnResult): StartConversationResponse {
  const shaped: StartConversationResponse = { conversation_id: turn.conversation.id }
  if (turn.conversation.title !== '') shaped.title = turn.conversation.title
  if (turn.reply.content !== '') shaped.reply = turn.reply.content
  return shaped
}

export function continueConversationResponse (turn: TurnResult): ContinueConversationResponse {
  return turn.reply.content === '' ? {} : { reply: turn.reply.content }
}

export function listConversationsResponse (conversations: ConversationView[]): ListConversationsResponse {
  return conversations.length === 0 ? {} : { conversations: conversations.map((conversation) => twirpConversation(conversation)) }
}

export function describeConversationResponse (conversation: ConversationView, messages: MessageView[]): DescribeConversationResponse {
  return { conversation: twirpConversation(conversation, messages) }
}
