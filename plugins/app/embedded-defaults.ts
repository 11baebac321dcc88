// The one start-up line of DESIGN.md 2: which embedded defaults stand in for unconfigured services, and
// that they are not for production. Silent when everything is configured.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { describeEmbeddedDefaults } from '../../lib/config/embedded-defaults.js'

async function embeddedDefaults (fastify: FastifyInstance): Promise<void> {
  const inUse = describeEmbeddedDefaults({
    mongoMode: fastify.mongoMode,
    kvMode: fastify.kv.mode,
    provider: fastify.assistant.providerName,
    ...(fastify.config.DATA_DIR === undefined ? {} : { dataDir: fastify.config.DATA_DIR })
  })
  const names = Object.keys(inUse)
  if (names.length === 0) return
  fastify.log.warn({ embedded: inUse }, `embedded defaults in use for ${names.join(', ')}: fine for development, not for production`)
}

export default fp(embeddedDefaults, { name: 'embedded-defaults', dependencies: ['mongodb', 'redis', 'assistant'] })
