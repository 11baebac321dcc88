// Rate limits (DESIGN.md 6), all in one place, through @fastify/rate-limit over the lib/rate-limit store:
// - per client IP on every request, /health and unknown routes included: RATE_LIMIT_MAX per
//   RATE_LIMIT_WINDOW_MS, keyed on request.ip (which honours TRUST_PROXY), never on the client port;
// - per API key, `fastify.limitPerKey(request, reply)`, run by the auth hook once the key is known:
//   RATE_LIMIT_KEY_MAX (or the key's own limit) per window, keyed by the key's id, never the key itself.
// Counts live in fastify.kv: Redis when configured (instances share the allowance), in process otherwise.
import fp from 'fastify-plugin'
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { RateLimitedError } from '../../lib/errors/catalogue.js'
import { createMemoryKv } from '../../lib/kv/memory-kv.js'
import { parseAllowlist } from '../../lib/rate-limit/allowlist.js'
import { kvRateLimitStoreClass } from '../../lib/rate-limit/kv-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    limitPerKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

function retryIn (seconds: number): string {
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}

async function rateLimit (fastify: FastifyInstance): Promise<void> {
  const { config, appMetrics } = fastify
  const { addresses: allowlist, invalid } = parseAllowlist(config.RATE_LIMIT_ALLOWLIST, (ip) => normalizeIP(ip, 128))
  if (invalid.length > 0) throw new Error(`RATE_LIMIT_ALLOWLIST: '${invalid.join("', '")}' is not an IP address`)
  // Without entries there is nothing to look up: no address is normalized per request.
  const allowed = allowlist.size === 0 ? {} : { allowList: (request: FastifyRequest): boolean => allowlist.has(normalizeIP(request.ip, 128)) }

  let fallingBack = false
  await fastify.register(fastifyRateLimit, {
    // Not per route: the per-IP limiter is added below as a root onRequest hook, so it runs before the
    // route groups' auth hooks (failed key guesses count) and on unknown routes too.
    global: false,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    ...allowed,
    // fastify.kv already degrades to memory on Redis errors; the store's own local fallback covers a
    // store that throws all the same, so limiting never stops.
    store: kvRateLimitStoreClass({
      shared: () => fastify.kv,
      local: createMemoryKv(),
      onFallback: (err) => {
        if (!fallingBack) fastify.log.error({ err: err.message }, 'rate-limit store failed: counting in process')
        fallingBack = true
      }
    }),
    skipOnError: false,
    enableDraftSpec: true,
    onExceeded: (request) => {
      appMetrics.rateLimitRejections.inc({ scope: 'ip' })
      request.log.info({ route: request.routeOptions.url ?? null }, 'per-IP rate limit exceeded')
    },
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.after)
  })
  fastify.addHook('onRequest', fastify.rateLimit())

  const limit = fastify.createRateLimit({
    // A key created with its own limit (POST /v1/admin/keys) uses it instead of RATE_LIMIT_KEY_MAX.
    max: (request) => request.principal?.rateLimit ?? config.RATE_LIMIT_KEY_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    ...allowed,
    keyGenerator: (request) => `key:${request.principal?.keyId ?? 'none'}`
  })
  // One count per request, however many scoped hooks (nested route folders) authenticate it.
  const counted = new WeakSet<FastifyRequest>()

  fastify.decorate('limitPerKey', async function limitPerKey (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.principal === null || counted.has(request)) return
    counted.add(request)
    const result = await limit(request)
    if (result.isAllowed) return
    // The RateLimit-* headers describe the limit closest to refusing: the per-IP limiter set its own
    // already; the key's replaces them when fewer requests are left on it.
    const ipRemaining = Number(reply.getHeader('ratelimit-remaining') ?? Number.POSITIVE_INFINITY)
    if (result.isExceeded || result.remaining < ipRemaining) {
      reply.header('ratelimit-limit', result.max)
      reply.header('ratelimit-remaining', result.remaining)
      reply.header('ratelimit-reset', result.ttlInSeconds)
    }
    if (!result.isExceeded) return
    appMetrics.rateLimitRejections.inc({ scope: 'key' })
    request.log.info({ keyId: request.principal.keyId, route: request.routeOptions.url }, 'per-key rate limit exceeded')
    reply.header('retry-after', result.ttlInSeconds)
    throw new RateLimitedError(retryIn(result.ttlInSeconds))
  })
}

export default fp(rateLimit, { name: 'rate-limit', dependencies: ['@fastify/env', 'redis', 'metrics', 'error-handler'] })
