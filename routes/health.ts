import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { HealthReportSchema } from '../schemas/health.js'
import { PublicSecurity } from '../schemas/common.js'
import { errorResponses } from '../schemas/conversations.js'

// Public: liveness and dependency status (DESIGN.md 3.3).
export default async function healthRoute (fastify: FastifyInstance): Promise<void> {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get('/health', {
    schema: {
      tags: ['operations'],
      summary: 'Service health with MongoDB and Redis checks',
      description: '200 healthy or degraded (Redis down, still serving); 503 unhealthy when MongoDB is unreachable.',
      operationId: 'getHealth',
      security: PublicSecurity,
      // The per-IP rate limit applies to every route, this one included.
      response: { 200: HealthReportSchema, 503: HealthReportSchema, ...errorResponses(429) }
    }
  }, async (_request, reply) => {
    const report = await fastify.health()
    return reply.code(report.status === 'unhealthy' ? 503 : 200).send(report)
  })
}
