// Decorates `fastify.apiKeys` (lib/api-keys store), `fastify.requireScope(scope)` and `request.principal`.
// requireScope gives the hook route folders add in their autohooks.ts: the API key from X-API-Key or
// Authorization: Bearer, verified with @fastify/auth, then the scope, then the per-key rate limit.
// Refusals are logged (reason, route, ip; never the key), counted in auth_failures_total and audited in
// bursts. A key created with requireSignature must also sign each request (lib/signing): checked once
// the body is read, replays caught through fastify.kv, which every instance shares when Redis is set.
import fp from 'fastify-plugin'
import fastifyAuth from '@fastify/auth'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { readBootstrapKey } from '../../lib/api-keys/bootstrap-key.js'
import { presentedKey } from '../../lib/api-keys/presented-key.js'
import { SCOPES, type Scope } from '../../lib/api-keys/scopes.js'
import { createApiKeyStore, type ApiKeyStore, type Principal } from '../../lib/api-keys/store.js'
import { ForbiddenError, SignatureError, UnauthorizedError } from '../../lib/errors/catalogue.js'
import { checkSignature, SIGNATURE_WINDOW_SECONDS } from '../../lib/signing/signature.js'
import type { AuthFailureReason } from '../../lib/metrics/app-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyStore
    requireScope: (scope: Scope) => onRequestHookHandler
  }
  interface FastifyRequest {
    /** The authenticated API key; null on public routes and before authentication. */
    principal: Principal | null
  }
}

// The signing secret of each authenticated request whose key requires signatures.
const signingSecrets = new WeakMap<FastifyRequest, string>()

function refusal (fastify: FastifyInstance) {
  return function refuse (request: FastifyRequest, reason: AuthFailureReason, presented?: string): void {
    request.log.warn({ reason, route: request.routeOptions.url, ip: request.ip }, 'request refused by API-key auth')
    fastify.appMetrics.authFailures.inc({ reason })
    // A missing scope is a key doing what it may not, not a failed authentication.
    if (reason !== 'scope') fastify.audit.authFailure(request, presented)
  }
}

export function createRequireScope (fastify: FastifyInstance, store: ApiKeyStore): (scope: Scope) => onRequestHookHandler {
  const refuse = refusal(fastify)

  async function authenticate (request: FastifyRequest): Promise<void> {
    if (request.principal !== null) return
    const presented = presentedKey(request.headers)
    if (presented.kind !== 'key') {
      refuse(request, presented.kind)
      throw new UnauthorizedError()
    }
    const result = await store.check(presented.key)
    if (!result.ok) {
      if (result.reason === 'expired' && result.firstRefusal) {
        await fastify.audit.record(request, { action: 'key.expired', target: `key:${result.keyId}`, actor: { type: 'system' } })
      }
      refuse(request, result.reason, presented.key)
      throw new UnauthorizedError()
    }
    request.principal = result.principal
    if (result.signingSecret !== undefined) signingSecrets.set(request, result.signingSecret)
  }

  function authorize (scope: Scope) {
    return async function hasScope (request: FastifyRequest): Promise<void> {
      if (request.principal?.scopes.includes(scope) === true) return
      refuse(request, 'scope')
      throw new ForbiddenError(scope)
    }
  }

  const limit = (request: FastifyRequest, reply: FastifyReply): Promise<void> => fastify.limitPerKey(request, reply)

  return (scope) => fastify.auth([authenticate, authorize(scope), limit], { relation: 'and' })
}

async function auth (fastify: FastifyInstance): Promise<void> {
  const { config, db, log } = fastify
  // All verification steps must pass; the first failure answers.
  await fastify.register(fastifyAuth, { defaultRelation: 'and' })
  const store = createApiKeyStore({ db, cacheTtlMs: config.API_KEY_CACHE_TTL_MS })

  const bootstrapKey = await readBootstrapKey(config)
  if (bootstrapKey !== undefined) {
    const result = await store.bootstrap(bootstrapKey)
    if (result.revoked) log.warn({ keyId: result.id }, 'the bootstrap API key (API_KEY / API_KEY_FILE) is revoked: it is refused until a new one is configured')
    else log.info({ keyId: result.id, created: result.created }, 'bootstrap API key ready')
  } else if (await store.countActive() === 0) {
    if (fastify.mongoMode === 'embedded') {
      // Zero-setup mode: without a key nothing but /health would answer. A development key with every scope
      // is created and shown once on stderr (never through the JSON log, which must not carry keys).
      const created = await store.create({ name: 'development', scopes: [...SCOPES] })
      log.warn({ keyId: created.id }, 'no API key configured: created a development key for the embedded mode, shown once on stderr')
      process.stderr.write(`\nDevelopment API key (embedded mode, shown once): ${created.key}\nUse it as: curl -H 'X-API-Key: ${created.key}' ...\n\n`)
    } else {
      log.warn('no API key exists: protected routes refuse every request; set API_KEY or run `acai keys create`')
    }
  }

  fastify.decorate('apiKeys', store)
  fastify.decorateRequest('principal', null)
  fastify.decorate('requireScope', createRequireScope(fastify, store))
  fastify.addHook('preValidation', createSignatureCheck(fastify))
}

// Runs for every route once the body is read; only requests of keys that require signatures are checked.
export function createSignatureCheck (fastify: FastifyInstance, now: () => number = Date.now) {
  const refuse = refusal(fastify)
  return async function verifySignature (request: FastifyRequest): Promise<void> {
    const secret = signingSecrets.get(request)
    if (secret === undefined || request.principal === null) return
    signingSecrets.delete(request)
    const check = checkSignature({
      secret,
      headers: request.headers,
      method: request.method,
      path: request.url,
      body: request.rawBody,
      nowSeconds: Math.floor(now() / 1000)
    })
    const presented = presentedKey(request.headers)
    const keyText = presented.kind === 'key' ? presented.key : undefined
    if (!check.ok) {
      refuse(request, 'signature', keyText)
      throw new SignatureError(check.reason)
    }
    // A signature stays acceptable while its timestamp is within the window either side of the clock:
    // remembered for both halves, so it cannot be replayed at any moment it would still verify.
    const seen = await fastify.kv.incr(`signature:${request.principal.keyId}:${check.signature}`, 2 * SIGNATURE_WINDOW_SECONDS * 1000)
    if (seen.count > 1) {
      refuse(request, 'signature', keyText)
      throw new SignatureError('this signature was already used: sign each request with a fresh timestamp')
    }
  }
}

export default fp(auth, { name: 'auth', dependencies: ['mongodb', 'migrations', 'rate-limit', 'metrics', 'audit-log', 'redis', 'json-bodies'] })
