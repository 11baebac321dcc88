// The per-client-IP rate limit on every route, /health included (DESIGN.md 6): RATE_LIMIT_MAX requests per
// RATE_LIMIT_WINDOW_MS, keyed on request.ip (which honours TRUST_PROXY), never on the client port. Counts
// live in Redis when configured, so instances share the allowance, and in process when Redis is absent
// or failing. plugins/app/rate-limit.ts adds the per-key limit on top.
import rateLimit, { normalizeIP, type RateLimitPluginOptions } from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { RateLimitedError } from '../../lib/errors.js'
import { createMemoryKv } from '../../lib/kv/memory-kv.js'
import { parseAllowlist } from '../../lib/rate-limit/allowlist.js'
import { kvRateLimitStoreClass } from '../../lib/rate-limit/kv-store.js'
import { countRateLimitRejection } from '../../lib/security-metrics.js'

export const autoConfig = (fastify: FastifyInstance): RateLimitPluginOptions => {
  const { config } = fastify
  // Never throws: an option function that throws escapes start-up error handling; plugins/app/rate-limit.ts
  // refuses a malformed list.
  const allowlist = parseAllowlist(config.RATE_LIMIT_ALLOWLIST, (ip) => normalizeIP(ip, 128)).addresses
  const local = createMemoryKv()
  let fallingBack = false
  return {
    // Not per route: plugins/app/rate-limit.ts adds this limiter as a root onRequest hook, so it runs
    // before the route groups' auth hooks (failed key guesses count) and on unknown routes too.
    global: false,
    hook: 'onRequest',
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    allowList: (request) => allowlist.has(normalizeIP(request.ip, 128)),
    // fastify.kv (plugins/app/redis.ts) is decorated after this plugin; it already degrades to memory on
    // Redis errors, and the store adds its own local fallback should it ever throw.
    store: kvRateLimitStoreClass({
      shared: () => fastify.hasDecorator('kv') ? fastify.kv : undefined,
      local,
      onFallback: (err) => {
        if (!fallingBack) fastify.log.error({ err: err.message }, 'rate-limit store failed: counting in process')
        fallingBack = true
      }
    }),
    skipOnError: false,
    enableDraftSpec: true,
    onExceeded: () => countRateLimitRejection('ip'),
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.after)
  }
}

export default rateLimit
