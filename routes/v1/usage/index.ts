import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { UnauthorizedError } from '../../../lib/errors/catalogue.js'
import { utcDay } from '../../../lib/conversations/index.js'
import { ApiKeySecurity } from '../../../schemas/common.js'
import { errorResponses } from '../../../schemas/conversations.js'
import { UsageQuerySchema, UsageResponseSchema } from '../../../schemas/usage.js'

const DAY_MS = 86_400_000

// The calling key's model token usage per day: reply turns, titles and summary folds (DESIGN.md 3.5).
export default async function usageRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get('', {
    schema: {
      tags: ['usage'],
      security: ApiKeySecurity,
      summary: 'Token usage of this API key per day',
      description: 'Prompt and completion tokens the language model reported for this key\'s requests, per UTC day, newest first; days without usage are left out. The offline assistant uses no tokens.',
      operationId: 'getUsage',
      querystring: UsageQuerySchema,
      response: { 200: UsageResponseSchema, ...errorResponses(400, 401, 403, 429, 503) }
    }
  }, async (request) => {
    if (request.principal === null) throw new UnauthorizedError()
    const from = utcDay(new Date(Date.now() - (request.query.days - 1) * DAY_MS))
    const days = await fastify.chatUsage.days(request.principal.keyId, from)
    const totals = { promptTokens: 0, completionTokens: 0, totalTokens: 0, requests: 0 }
    for (const day of days) {
      totals.promptTokens += day.promptTokens
      totals.completionTokens += day.completionTokens
      totals.totalTokens += day.totalTokens
      totals.requests += day.requests
    }
    return { from, totals, days }
  })
}
