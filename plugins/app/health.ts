// Decorates `fastify.health()` (MongoDB and Redis checks, GET /health) and `fastify.mongoHealth()` (the
// MongoDB check alone, GET /ready: readiness does not depend on Redis, so a probe never pings it).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { checkHealth, settle, type CheckState, type HealthReport } from '../../lib/health/checks.js'

declare module 'fastify' {
  interface FastifyInstance {
    health: () => Promise<HealthReport>
    mongoHealth: () => Promise<CheckState>
  }
}

async function health (fastify: FastifyInstance): Promise<void> {
  const { db, kv } = fastify
  const embedded = fastify.mongoMode === 'embedded'
  async function mongodb (): Promise<CheckState> {
    await db.command({ ping: 1 })
    return embedded ? 'embedded' : 'ok'
  }
  fastify.decorate('health', () => checkHealth({ mongodb, redis: () => kv.health() }))
  fastify.decorate('mongoHealth', () => settle(mongodb))
}

export default fp(health, { name: 'health', dependencies: ['mongodb', 'redis'] })
