import { Type, type Static } from 'typebox'
import { ConversationSchema, MessageSchema, PlatformSchema, messageTextSchema } from './conversations.js'

// Sessions for stateless clients (chat bots): a chat's messages continue its active conversation until
// SESSION_TTL of inactivity (DESIGN.md 3.1).

const ChatIdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f/]+$', description: 'the chat on that platform', examples: ['-100123456'] })

export function sessionMessageBodySchema (maxLength: number) {
  return Type.Object({
    platform: PlatformSchema,
    chatId: ChatIdSchema,
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f]+$', examples: ['u-42'] })),
    message: messageTextSchema(maxLength)
  }, { additionalProperties: false, examples: [{ platform: 'telegram', chatId: '-100123456', userId: 'u-42', message: '¿qué hora es en Madrid?' }] })
}

export const SessionTurnResponseSchema = Type.Object({
  conversation: ConversationSchema,
  message: MessageSchema,
  reply: MessageSchema,
  started: Type.Boolean({ description: 'true when this message started a new conversation' })
}, { title: 'SessionTurn' })

export type SessionTurnResponse = Static<typeof SessionTurnResponseSchema>

export const SessionParamsSchema = Type.Object({ platform: PlatformSchema, chatId: ChatIdSchema }, { additionalProperties: false })
