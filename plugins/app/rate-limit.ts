// Adds the per-IP limit to every request, and decorates `fastify.limitPerKey(request, reply)`: the per-API-key
// rate limit (RATE_LIMIT_KEY_MAX per RATE_LIMIT_WINDOW_MS), run by the auth hook once the key is known. It shares the per-IP limiter's store
// (Redis when configured) and is keyed by the key's id, never the key itself.
import fp from 'fastify-plugin'
import { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { RateLimitedError } from '../../lib/errors.js'
import { parseAllowlist } from '../../lib/rate-limit/allowlist.js'
import { countRateLimitRejection } from '../../lib/security-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    limitPerKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

export function createKeyRateLimit (fastify: FastifyInstance) {
  const { config } = fastify
  const { addresses: allowlist, invalid } = parseAllowlist(config.RATE_LIMIT_ALLOWLIST, (ip) => normalizeIP(ip, 128))
  if (invalid.length > 0) throw new Error(`RATE_LIMIT_ALLOWLIST: '${invalid.join("', '")}' is not an IP address`)
  const limit = fastify.createRateLimit({
    max: config.RATE_LIMIT_KEY_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    allowList: (request) => allowlist.has(normalizeIP(request.ip, 128)),
    keyGenerator: (request) => `key:${request.principal?.keyId ?? 'none'}`
  })
  // One count per request, however many scoped hooks (nested route folders) authenticate it.
  const counted = new WeakSet<FastifyRequest>()

  return async function limitPerKey (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.principal === null || counted.has(request)) return
    counted.add(request)
    const result = await limit(request)
    if (result.isAllowed || !result.isExceeded) return
    countRateLimitRejection('key')
    request.log.info({ keyId: request.principal.keyId, route: request.routeOptions.url }, 'per-key rate limit exceeded')
    reply.header('ratelimit-limit', result.max)
    reply.header('ratelimit-remaining', 0)
    reply.header('ratelimit-reset', result.ttlInSeconds)
    reply.header('retry-after', result.ttlInSeconds)
    throw new RateLimitedError(`${result.ttlInSeconds} second${result.ttlInSeconds === 1 ? '' : 's'}`)
  }
}

async function rateLimit (fastify: FastifyInstance): Promise<void> {
  // The per-IP limit with the options of plugins/external/rate-limit.ts, as a root hook: it precedes every
  // route group's hooks, so unauthenticated and unknown-route requests are limited as well.
  fastify.addHook('onRequest', fastify.rateLimit())
  fastify.decorate('limitPerKey', createKeyRateLimit(fastify))
}

export default fp(rateLimit, { name: 'rate-limit', dependencies: ['@fastify/rate-limit', '@fastify/env'] })
