import { Type, type Static } from 'typebox'
import { ErrorRef, ObjectIdSchema, type ErrorResponse } from './common.js'

// Schemas of the conversations API (DESIGN.md 3.1). Inputs reject unknown fields; text fields are
// trimmed before validation (routes/v1/autohooks.ts), so a blank message fails `minLength` like any
// other invalid input. The message length limit is configuration, so the body schemas are factories.

const EXAMPLE_ID = '665f1c2ab4e1f2a3b4c5d6e7'
const EXAMPLE_TIME = '2026-11-25T12:00:00.000Z'

export const ToolCallSchema = Type.Object({
  name: Type.String({ examples: ['get_datetime'] }),
  ok: Type.Boolean({ description: 'false when the tool reported an error (the reply says so)' })
})

export const MessageSchema = Type.Object({
  id: ObjectIdSchema,
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  toolCalls: Type.Optional(Type.Array(ToolCallSchema, { description: 'tools the assistant called for this reply' }))
}, {
  title: 'Message',
  examples: [{ id: '665f1c2ab4e1f2a3b4c5d6e9', role: 'assistant', content: "It's 21:00 (Tuesday) in Tokyo.", createdAt: EXAMPLE_TIME, toolCalls: [{ name: 'get_datetime', ok: true }] }]
})

export type Message = Static<typeof MessageSchema>

const MetadataTextSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f]+$' })

export const PlatformSchema = Type.String({
  minLength: 1,
  maxLength: 32,
  pattern: '^[a-z0-9][a-z0-9_.-]*$',
  description: 'client platform (lower case), e.g. telegram, slack, web; picks the system prompt',
  examples: ['telegram']
})

export const ConversationSchema = Type.Object({
  id: ObjectIdSchema,
  title: Type.String({ description: 'at most 60 characters; empty until the first reply is produced', examples: ['Time in Tokyo'] }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time', description: 'last activity' }),
  messageCount: Type.Integer({ minimum: 0 }),
  metadata: Type.Object({
    platform: Type.String({ examples: ['api'] }),
    chatId: Type.Optional(Type.String()),
    userId: Type.Optional(Type.String())
  })
}, {
  title: 'Conversation',
  examples: [{ id: EXAMPLE_ID, title: 'Time in Tokyo', createdAt: EXAMPLE_TIME, updatedAt: EXAMPLE_TIME, messageCount: 2, metadata: { platform: 'api' } }]
})

export type Conversation = Static<typeof ConversationSchema>

export function messageTextSchema (maxLength: number) {
  return Type.String({
    minLength: 1,
    maxLength,
    description: `1 to ${maxLength} characters after trimming`,
    examples: ["what's the time in Tokyo?"]
  })
}

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1,
    maxLength: 255,
    pattern: '^[\\x21-\\x7e]+$',
    // No example on purpose: Swagger UI pre-fills examples, and a fixed key works once; every later
    // "Try it out" with another body would get 422.
    description: 'Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key).'
  }))
})

export const ConversationParamsSchema = Type.Object({ id: ObjectIdSchema }, { additionalProperties: false })

export function createConversationBodySchema (maxLength: number) {
  return Type.Object({
    message: messageTextSchema(maxLength),
    metadata: Type.Optional(Type.Object({
      platform: Type.Optional(PlatformSchema),
      userId: Type.Optional(MetadataTextSchema),
      chatId: Type.Optional(MetadataTextSchema)
    }, { additionalProperties: false }))
  }, { additionalProperties: false, examples: [{ message: "what's the time in Tokyo?", metadata: { platform: 'web', userId: 'u-42' } }] })
}

export function postMessageBodySchema (maxLength: number) {
  return Type.Object({ message: messageTextSchema(maxLength) }, { additionalProperties: false, examples: [{ message: 'and in Madrid?' }] })
}

export const TurnResponseSchema = Type.Object({
  conversation: ConversationSchema,
  message: MessageSchema,
  reply: MessageSchema
}, { title: 'Turn', description: 'the stored user message and the stored assistant reply' })

export type TurnResponse = Static<typeof TurnResponseSchema>

// The streamed alternative of a turn. Described without a media type on purpose (`type: 'null'` leaves
// the content out of the document, as for a 204): Swagger UI lets the first 2xx response with content
// choose the Accept header of "Try it out", and that must be the JSON reply.
export const EventStreamResponse = {
  type: 'null',
  description: 'Only with `Accept: text/event-stream`: the reply streams as Server-Sent Events: `event: delta` data {text}, `event: tool` data {name, ok}, then `event: done` data Turn (the body of the 201), or `event: error` data ErrorResponse if it fails after the stream began.'
}

// Parameters with a default are optional in the document, so generated clients do not force them; the
// validator fills the default in all the same.
export const DEFAULT_LIST_LIMIT = 20
export const DEFAULT_MESSAGES_LIMIT = 50

export const ListQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_LIST_LIMIT })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'nextCursor of the previous page (opaque)' }))
}, { additionalProperties: false })

export const ListResponseSchema = Type.Object({
  items: Type.Array(ConversationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' })
}, { examples: [{ items: [{ id: EXAMPLE_ID, title: 'Time in Tokyo', createdAt: EXAMPLE_TIME, updatedAt: EXAMPLE_TIME, messageCount: 2, metadata: { platform: 'api' } }], nextCursor: null }] })

export const GetQuerySchema = Type.Object({
  messagesLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_MESSAGES_LIMIT, description: 'how many of the latest messages to return' })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'nextBefore of the previous page: older messages only' }))
}, { additionalProperties: false })

export const ConversationWithMessagesSchema = Type.Object({
  conversation: ConversationSchema,
  messages: Type.Array(MessageSchema, { description: 'oldest first' }),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'pass as `before` for older messages; null when there are none' })
})

export const RenameBodySchema = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 60, description: '1 to 60 characters after trimming', examples: ['Trip to Tokyo'] })
}, { additionalProperties: false, examples: [{ title: 'Trip to Tokyo' }] })

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (unknown field, blank or too long message, bad cursor)',
  401: 'Missing or unknown API key',
  403: 'The API key lacks the chat scope',
  404: 'No such conversation for this API key (unknown, malformed or another key\'s id)',
  409: 'Conflict: no reply pending, a reply already in progress, or the same Idempotency-Key still in progress',
  413: 'Body larger than BODY_LIMIT',
  415: 'Body is not JSON',
  422: 'The Idempotency-Key was used with a different request',
  429: 'Rate limited (Retry-After)',
  503: 'MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored'
}

/** The `response` entries for the error statuses a route can answer, all the one ErrorResponse shape. */
export function errorResponses (...statuses: number[]): Record<number, typeof ErrorRef> {
  return Object.fromEntries(statuses.map((status) => [status, Type.Unsafe<ErrorResponse>({ ...Type.Ref('ErrorResponse'), description: ERROR_DESCRIPTIONS[status] ?? 'Error' })]))
}
