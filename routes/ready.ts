import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ReadyReportSchema } from '../schemas/health.js'
import { ErrorRef, PublicSecurity } from '../schemas/common.js'
import { errorResponses } from '../schemas/conversations.js'
import { ServiceUnavailableError } from '../lib/errors/catalogue.js'

// Public: readiness for load balancers (DESIGN.md 3.3). The server listens only once every plugin is ready,
// and while it drains on shutdown plugins/app/drain.ts answers 503; otherwise MongoDB alone decides.
export default async function readyRoute (fastify: FastifyInstance): Promise<void> {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get('/ready', {
    schema: {
      tags: ['operations'],
      summary: 'Readiness to serve traffic',
      description: '503 while starting, while draining on shutdown, or when MongoDB is unreachable.',
      operationId: 'getReady',
      security: PublicSecurity,
      response: { 200: ReadyReportSchema, 503: ErrorRef, ...errorResponses(429) }
    }
  }, async () => {
    if (await fastify.mongoHealth() === 'unavailable') throw new ServiceUnavailableError('MongoDB')
    return { status: 'ready' as const }
  })
}
