// Decorates `fastify.health()` (MongoDB and Redis checks, GET /health) and `fastify.mongoHealth()` (the
// MongoDB check alone, GET /ready: readiness does not depend on Redis, so a probe never pings it). Each
// dependency is probed at most once per HEALTH_PROBE_INTERVAL_MS, whatever the request rate.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { cachedProbe } from '../../lib/health/cached-probe.js'
import { healthReport, type CheckState, type HealthReport } from '../../lib/health/checks.js'

declare module 'fastify' {
  interface FastifyInstance {
    health: () => Promise<HealthReport>
    mongoHealth: () => Promise<CheckState>
  }
}

async function health (fastify: FastifyInstance): Promise<void> {
  const { db, kv } = fastify
  const embedded = fastify.mongoMode === 'embedded'
  const maxAgeMs = fastify.config.HEALTH_PROBE_INTERVAL_MS
  const mongodb = cachedProbe(async () => {
    await db.command({ ping: 1 })
    return embedded ? 'embedded' : 'ok'
  }, maxAgeMs)
  const redis = cachedProbe(() => kv.health(), maxAgeMs)
  // The cached probes are already bounded and never reject.
  fastify.decorate('health', async () => {
    const [mongoState, redisState] = await Promise.all([mongodb(), redis()])
    return healthReport(mongoState, redisState, new Date())
  })
  fastify.decorate('mongoHealth', mongodb)
}

export default fp(health, { name: 'health', dependencies: ['mongodb', 'redis'] })
