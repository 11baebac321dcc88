// Decorates `fastify.health()`: the MongoDB and Redis checks behind GET /health and GET /ready.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { checkHealth, type HealthReport } from '../../lib/health.js'

declare module 'fastify' {
  interface FastifyInstance {
    health: () => Promise<HealthReport>
  }
}

async function health (fastify: FastifyInstance): Promise<void> {
  const { mongo, kv } = fastify
  const embedded = fastify.mongoMode === 'embedded'
  fastify.decorate('health', () => checkHealth({
    mongodb: async () => {
      await mongo.db?.command({ ping: 1 })
      return embedded ? 'embedded' : 'ok'
    },
    redis: () => kv.health()
  }))
}

export default fp(health, { name: 'health', dependencies: ['mongodb', 'redis'] })
