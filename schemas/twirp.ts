import { Type, type Static } from 'typebox'
import { ObjectIdSchema } from './common.js'

// The Go service's Twirp messages (DESIGN.md 3.2). Request schemas document the snake_case names; the
// lowerCamelCase JSON names are accepted too and unknown fields are ignored, so they allow additional
// properties. lib/twirp/requests.ts decodes them with protobuf JSON's rules and Twirp's error codes.
// Responses omit empty and zero fields, hence every field that can be empty is optional.

const EXAMPLE_ID = '665f1c2ab4e1f2a3b4c5d6e7'
const EXAMPLE_TIME = '2026-11-25T12:00:00Z'
const DOCUMENTED_ONLY = 'lowerCamelCase names are accepted too; unknown fields are ignored'

// Named request examples (the media type's `examples` in the document, a menu in Swagger UI): the Go
// service's clients send snake_case, protobuf JSON clients send lowerCamelCase, and both are accepted.
function casings (summary: string, snake: Record<string, unknown>, camel: Record<string, unknown>) {
  return {
    'x-examples': {
      snake_case: { summary: `${summary} (snake_case, as the Go service's clients send)`, value: snake },
      lowerCamelCase: { summary: `${summary} (lowerCamelCase, protobuf JSON)`, value: camel }
    }
  }
}

const SessionMetadataSchema = Type.Object({
  platform: Type.Optional(Type.String({ description: 'client platform, e.g. telegram (any case; stored lower-case)', examples: ['telegram'] })),
  user_id: Type.Optional(Type.String({ examples: ['u-42'] })),
  chat_id: Type.Optional(Type.String({ description: 'with platform: the chat whose session continues', examples: ['-100123456'] }))
}, { additionalProperties: true, description: 'the chat a bot message comes from (POST /v1/sessions/messages semantics)' })

export const StartConversationRequestSchema = Type.Object({
  message: Type.String({ description: 'required; 1 to MAX_MESSAGE_LENGTH characters after trimming', examples: ["what's the time in Tokyo?"] }),
  session_metadata: Type.Optional(SessionMetadataSchema)
}, {
  additionalProperties: true,
  description: `With session_metadata naming platform and chat_id, continues that chat's active conversation or starts one. ${DOCUMENTED_ONLY}.`,
  ...casings('A bot\'s chat message',
    { message: "what's the time in Tokyo?", session_metadata: { platform: 'telegram', user_id: 'u-42', chat_id: '-100123456' } },
    { message: "what's the time in Tokyo?", sessionMetadata: { platform: 'telegram', userId: 'u-42', chatId: '-100123456' } })
})

export const ContinueConversationRequestSchema = Type.Object({
  conversation_id: Type.Optional(Type.String({ description: 'the conversation to continue; without it session_metadata (platform and chat_id) is required', examples: [EXAMPLE_ID] })),
  message: Type.String({ description: 'required; 1 to MAX_MESSAGE_LENGTH characters after trimming', examples: ['and in Madrid?'] }),
  session_metadata: Type.Optional(SessionMetadataSchema)
}, {
  additionalProperties: true,
  description: DOCUMENTED_ONLY,
  ...casings('The next message of a conversation', { conversation_id: EXAMPLE_ID, message: 'and in Madrid?' }, { conversationId: EXAMPLE_ID, message: 'and in Madrid?' })
})

export const ListConversationsRequestSchema = Type.Object({}, { additionalProperties: true, description: `No fields. ${DOCUMENTED_ONLY}.`, examples: [{}] })

// The one required field whose name differs between the casings: either name, said with anyOf, so an
// example (and a client) in lowerCamelCase is valid against the document too.
export const DescribeConversationRequestSchema = Type.Object({
  conversation_id: Type.Optional(Type.String({ examples: [EXAMPLE_ID] })),
  conversationId: Type.Optional(Type.String({ description: 'conversation_id in lowerCamelCase', examples: [EXAMPLE_ID] }))
}, {
  additionalProperties: true,
  anyOf: [{ required: ['conversation_id'] }, { required: ['conversationId'] }],
  description: 'One of conversation_id or conversationId. Unknown fields are ignored.',
  ...casings('A conversation', { conversation_id: EXAMPLE_ID }, { conversationId: EXAMPLE_ID })
})

const TimestampSchema = Type.String({ format: 'date-time', description: 'RFC 3339, UTC', examples: [EXAMPLE_TIME] })

export const TwirpMessageSchema = Type.Object({
  id: ObjectIdSchema,
  role: Type.Union([Type.Literal('USER'), Type.Literal('ASSISTANT')]),
  content: Type.Optional(Type.String()),
  timestamp: TimestampSchema
}, { title: 'TwirpMessage' })

export const TwirpConversationSchema = Type.Object({
  id: ObjectIdSchema,
  title: Type.Optional(Type.String({ description: 'omitted while the conversation has no title', examples: ['Time in Tokyo'] })),
  timestamp: Type.String({ format: 'date-time', description: 'last update, RFC 3339 UTC', examples: [EXAMPLE_TIME] }),
  messages: Type.Optional(Type.Array(TwirpMessageSchema, { description: 'oldest first; only in DescribeConversation' }))
}, { title: 'TwirpConversation' })

export const StartConversationResponseSchema = Type.Object({
  conversation_id: ObjectIdSchema,
  title: Type.Optional(Type.String()),
  reply: Type.Optional(Type.String({ description: 'the assistant\'s answer' }))
}, { examples: [{ conversation_id: EXAMPLE_ID, title: 'Time in Tokyo', reply: "It's 21:00 (Tuesday) in Tokyo." }] })

export const ContinueConversationResponseSchema = Type.Object({
  reply: Type.Optional(Type.String({ description: 'the assistant\'s answer' }))
}, { examples: [{ reply: "It's 14:00 (Tuesday) in Madrid." }] })

export const ListConversationsResponseSchema = Type.Object({
  conversations: Type.Optional(Type.Array(TwirpConversationSchema, { description: 'newest activity first, at most 100, without messages; omitted when there are none' }))
}, { examples: [{ conversations: [{ id: EXAMPLE_ID, title: 'Time in Tokyo', timestamp: EXAMPLE_TIME }] }] })

export const DescribeConversationResponseSchema = Type.Object({
  conversation: TwirpConversationSchema
})

export type StartConversationResponse = Static<typeof StartConversationResponseSchema>
export type ContinueConversationResponse = Static<typeof ContinueConversationResponseSchema>
export type ListConversationsResponse = Static<typeof ListConversationsResponseSchema>
export type DescribeConversationResponse = Static<typeof DescribeConversationResponseSchema>

export const TwirpErrorSchema = Type.Object({
  code: Type.String({ description: 'Twirp error code', examples: ['not_found'] }),
  msg: Type.String({ examples: ['Conversation not found'] }),
  meta: Type.Optional(Type.Record(Type.String(), Type.String(), { examples: [{ argument: 'message' }] }))
}, { title: 'TwirpError', description: 'The Twirp error shape' })

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid_argument (meta.argument names the field) or malformed (undecodable JSON)',
  401: 'unauthenticated: missing or unknown API key',
  403: 'permission_denied: the API key lacks the chat scope',
  404: 'not_found (unknown, malformed or another key\'s conversation id) or bad_route (not POST, not JSON, unknown method)',
  409: 'aborted: a request with this Idempotency-Key is still in progress, or the reply is being produced',
  429: 'resource_exhausted: rate limited (Retry-After)',
  500: 'internal',
  503: 'unavailable: MongoDB or the assistant is down (Retry-After); a stored message stays stored (meta.conversation_id)'
}

/** The `response` entries for the error statuses a Twirp route can answer. */
export function twirpErrorResponses (...statuses: number[]): Record<number, typeof TwirpErrorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, { ...TwirpErrorSchema, description: ERROR_DESCRIPTIONS[status] ?? 'Twirp error' }]))
}
