import { Type, type Static } from 'typebox'

// Token usage of the calling API key per UTC day (DESIGN.md 3.5).

export const UsageQuerySchema = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'how many days back, today included' })
}, { additionalProperties: false })

export const UsageDaySchema = Type.Object({
  day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-12-04'] }),
  promptTokens: Type.Integer({ minimum: 0 }),
  completionTokens: Type.Integer({ minimum: 0 }),
  totalTokens: Type.Integer({ minimum: 0 }),
  requests: Type.Integer({ minimum: 0, description: 'replies and summary requests that used the model (a reply with tool rounds counts once; its tokens count every round)' })
})

export const UsageResponseSchema = Type.Object({
  from: Type.String({ description: 'first day covered (UTC)', examples: ['2026-11-05'] }),
  totals: Type.Object({ promptTokens: Type.Integer(), completionTokens: Type.Integer(), totalTokens: Type.Integer(), requests: Type.Integer() }),
  days: Type.Array(UsageDaySchema, { description: 'days with usage, newest first' })
})

export type UsageResponse = Static<typeof UsageResponseSchema>
