import type { FastifyInstance } from 'fastify'

// Everything under /metrics needs an API key with the `metrics` scope (DESIGN.md 3.3).
export default async function metricsHooks (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', fastify.requireScope('metrics'))
}
