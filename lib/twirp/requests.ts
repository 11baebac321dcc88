// Decodes Twirp JSON requests the way the Go server's protobuf JSON decoding did (DESIGN.md 3.2): each
// field by its proto name (snake_case) or its JSON name (lowerCamelCase), `null` and "" meaning unset,
// unknown fields ignored, a wrong type `malformed`. Then the service's own rules, as `invalid_argument`
// with `meta.argument` naming the field: a message is 1..maxMessageLength characters after trimming,
// session metadata follows the rules of POST /v1/sessions/messages.
import { TwirpError, invalidArgument, malformed } from './errors.js'

export interface TwirpLimits {
  /** MAX_MESSAGE_LENGTH: characters of a message after trimming. */
  maxMessageLength: number
}

/** A chat's session: complete session metadata (platform and chat_id). */
export interface SessionAddress { platform: string, chatId: string, userId?: string }

export interface SessionMetadata { platform?: string, chatId?: string, userId?: string }

export type StartRequest =
  | { kind: 'session', message: string, session: SessionAddress }
  | { kind: 'new', message: string, metadata?: SessionMetadata }

export type ContinueRequest =
  | { kind: 'session', message: string, session: SessionAddress }
  | { kind: 'conversation', message: string, conversationId: string }

export interface DescribeRequest { conversationId: string }

type JsonObject = Record<string, unknown>

function isObject (value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function requestObject (body: unknown): JsonObject {
  if (!isObject(body)) throw malformed('the request must be a JSON object')
  return body
}

// The value of a field under either of its names; both present is a duplicate, as in protobuf JSON.
function field (object: JsonObject, name: string, jsonName: string): unknown {
  const byName = Object.hasOwn(object, name) ? object[name] : null
  const byJsonName = name !== jsonName && Object.hasOwn(object, jsonName) ? object[jsonName] : null
  if (byName !== null && byJsonName !== null) throw malformed(`duplicate field ${name}`)
  return byName ?? byJsonName
}

function stringField (object: JsonObject, name: string, jsonName: string, path: string): string | undefined {
  const value = field(object, name, jsonName)
  if (value === null) return undefined
  if (typeof value !== 'string') throw malformed(`invalid value for string field ${path}`)
  return value === '' ? undefined : value
}

function objectField (object: JsonObject, name: string, jsonName: string): JsonObject | undefined {
  const value = field(object, name, jsonName)
  if (value === null) return undefined
  if (!isObject(value)) throw malformed(`invalid value for message field ${name}`)
  return value
}

// Lengths count characters (code points), as the REST schemas' maxLength does.
function longerThan (text: string, max: number): boolean {
  return text.length > max && [...text].length > max
}

// Control characters would break log lines and the session address; "/" is the REST reset route's separator.
const CONTROL = /\p{Cc}/u
const PLATFORM = /^[a-z0-9][a-z0-9_.-]*$/
const METADATA_MAX = 128
const PLATFORM_MAX = 32

function decodeMessage (object: JsonObject, limits: TwirpLimits): string {
  const message = stringField(object, 'message', 'message', 'message')?.trim() ?? ''
  if (message === '') throw invalidArgument('message', 'message is required')
  if (longerThan(message, limits.maxMessageLength)) {
    throw invalidArgument('message', `message must be at most ${limits.maxMessageLength} characters`)
  }
  return message
}

function decodeMetadata (object: JsonObject): SessionMetadata | undefined {
  const value = objectField(object, 'session_metadata', 'sessionMetadata')
  if (value === undefined) return undefined
  const metadata: SessionMetadata = {}
  // Platforms are lower-case identifiers here; the Go clients' spelling is accepted in any case.
  const platform = stringField(value, 'platform', 'platform', 'session_metadata.platform')?.toLowerCase()
  if (platform !== undefined) {
    if (longerThan(platform, PLATFORM_MAX) || !PLATFORM.test(platform)) {
      throw invalidArgument('session_metadata.platform', `session_metadata.platform must be at most ${PLATFORM_MAX} letters, digits, "_", "." or "-", starting with a letter or digit`)
    }
    metadata.platform = platform
  }
  const chatId = stringField(value, 'chat_id', 'chatId', 'session_metadata.chat_id')
  if (chatId !== undefined) {
    if (longerThan(chatId, METADATA_MAX) || CONTROL.test(chatId) || chatId.includes('/')) {
      throw invalidArgument('session_metadata.chat_id', `session_metadata.chat_id must be at most ${METADATA_MAX} characters, without "/" or control characters`)
    }
    metadata.chatId = chatId
  }
  const userId = stringField(value, 'user_id', 'userId', 'session_metadata.user_id')
  if (userId !== undefined) {
    if (longerThan(userId, METADATA_MAX) || CONTROL.test(userId)) {
      throw invalidArgument('session_metadata.user_id', `session_metadata.user_id must be at most ${METADATA_MAX} characters, without control characters`)
    }
    metadata.userId = userId
  }
  return metadata
}

function sessionOf (metadata: SessionMetadata | undefined): SessionAddress | undefined {
  if (metadata?.platform === undefined || metadata.chatId === undefined) return undefined
  const session: SessionAddress = { platform: metadata.platform, chatId: metadata.chatId }
  if (metadata.userId !== undefined) session.userId = metadata.userId
  return session
}

/**
 * StartConversation. Complete session metadata (platform and chat_id) continues or starts the chat's
 * session like POST /v1/sessions/messages; otherwise a new conversation carries whatever metadata came.
 */
export function decodeStartRequest (body: unknown, limits: TwirpLimits): StartRequest {
  const object = requestObject(body)
  const message = decodeMessage(object, limits)
  const metadata = decodeMetadata(object)
  const session = sessionOf(metadata)
  if (session !== undefined) return { kind: 'session', message, session }
  return metadata === undefined || Object.keys(metadata).length === 0 ? { kind: 'new', message } : { kind: 'new', message, metadata }
}

/** ContinueConversation: the conversation_id's conversation, or without one the chat's session. */
export function decodeContinueRequest (body: unknown, limits: TwirpLimits): ContinueRequest {
  const object = requestObject(body)
  const message = decodeMessage(object, limits)
  const conversationId = stringField(object, 'conversation_id', 'conversationId', 'conversation_id')
  const metadata = decodeMetadata(object)
  if (conversationId !== undefined) return { kind: 'conversation', message, conversationId }
  if (metadata === undefined) {
    throw invalidArgument('conversation_id', 'conversation_id is required unless session_metadata names the chat (platform and chat_id)')
  }
  const session = sessionOf(metadata)
  if (session !== undefined) return { kind: 'session', message, session }
  const missing = metadata.platform === undefined ? 'session_metadata.platform' : 'session_metadata.chat_id'
  throw invalidArgument(missing, `${missing} is required without conversation_id`)
}

export function decodeDescribeRequest (body: unknown): DescribeRequest {
  const conversationId = stringField(requestObject(body), 'conversation_id', 'conversationId', 'conversation_id')
  if (conversationId === undefined) throw invalidArgument('conversation_id', 'conversation_id is required')
  return { conversationId }
}

/** ListConversations takes no fields; the body must still be a JSON object. */
export function decodeListRequest (body: unknown): void {
  requestObject(body)
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/** The Idempotency-Key header, validated like the REST routes' (1 to 255 visible ASCII characters). */
export function decodeIdempotencyKey (header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  if (typeof header === 'string' && IDEMPOTENCY_KEY.test(header)) return header
  throw new TwirpError('invalid_argument', 'the Idempotency-Key header must be 1 to 255 visible ASCII characters', { argument: 'Idempotency-Key' })
}
