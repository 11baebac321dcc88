import { Type, type Static } from 'typebox'
import { PlatformSchema } from './conversations.js'

// System prompts per platform (DESIGN.md 3.5, 4): every PUT adds a version; the newest is the active one.

export const PromptSchema = Type.Object({
  platform: Type.String({ examples: ['telegram'] }),
  version: Type.Integer({ minimum: 1, examples: [2] }),
  text: Type.String(),
  active: Type.Boolean({ description: 'the version replies use (the newest)' }),
  createdAt: Type.Optional(Type.String({ format: 'date-time' }))
})

export type Prompt = Static<typeof PromptSchema>

export const PromptListSchema = Type.Object({ items: Type.Array(PromptSchema) })

export const PromptListQuerySchema = Type.Object({
  platform: Type.Optional(PlatformSchema)
}, { additionalProperties: false })

export const PromptParamsSchema = Type.Object({
  platform: Type.String({ ...PlatformSchema, description: 'the platform (lower case); `default` applies to platforms without their own prompt' })
})

export const PutPromptBodySchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 20000, description: 'the system prompt (trimmed)' })
}, { additionalProperties: false, examples: [{ text: 'You are Acai on Telegram: answer in at most three sentences.' }] })
