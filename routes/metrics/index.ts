import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import { ApiKeySecurity, ErrorRef } from '../../schemas/common.js'

// Prometheus scrape endpoint: the prom-client registry fastify-metrics fills (plugins/external/metrics.ts).
export default async function metricsRoute (fastify: FastifyInstance): Promise<void> {
  fastify.get('/', {
    prefixTrailingSlash: 'no-slash',
    schema: {
      tags: ['operations'],
      summary: 'Prometheus metrics',
      description: 'Prometheus text exposition format. Needs an API key with the `metrics` scope.',
      operationId: 'getMetrics',
      security: ApiKeySecurity,
      response: {
        200: {
          description: 'Prometheus text format',
          content: { 'text/plain': { schema: Type.String() } }
        },
        401: ErrorRef,
        403: ErrorRef,
        429: ErrorRef
      }
    }
  }, async (_request, reply) => {
    const registry = fastify.metrics.client.register
    const text = await registry.metrics()
    return reply.type(registry.contentType).send(text)
  })
}
