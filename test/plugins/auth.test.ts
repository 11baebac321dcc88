import { test } from 'tap'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createApiKeyStore } from '../../lib/api-keys/store.js'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import type { FastifyInstance } from 'fastify'
import type { EnvSource } from '../../lib/config/load-config.js'
import { buildPlugins, captureLogs, counterValue, scopeProbes, TEST_API_KEY } from '../helper.js'
import errorHandler from '../../plugins/app/error-handler.js'
import metrics from '../../plugins/app/metrics.js'
import mongodb from '../../plugins/app/mongodb.js'
import redis from '../../plugins/app/redis.js'
import migrations from '../../plugins/app/migrations.js'
import rateLimit from '../../plugins/app/rate-limit.js'
import auth from '../../plugins/app/auth.js'
import auditLog from '../../plugins/app/audit-log.js'
import jsonBodies from '../../plugins/app/json-bodies.js'
import health from '../../plugins/app/health.js'
import healthRoute from '../../routes/health.js'

// Authentication on a bare instance: the plugins it needs, plus probe routes behind requireScope and the
// public /health route.
function authApp (t: Parameters<typeof buildPlugins>[0], overrides: EnvSource = {}, logStream?: ReturnType<typeof captureLogs>['stream']): Promise<FastifyInstance> {
  return buildPlugins(t, [errorHandler, metrics, mongodb, redis, migrations, auditLog, jsonBodies, rateLimit, auth, health], overrides, {
    ...(logStream === undefined ? {} : { logStream }),
    extend: async (fastify) => {
      await scopeProbes(fastify)
      await fastify.register(healthRoute)
    }
  })
}

test('auth', async (t) => {
  const log = captureLogs()
  const fastify = await authApp(t, { API_KEY_CACHE_TTL_MS: '100', LOG_LEVEL: 'info' }, log.stream)

  t.test('a request without a key gets 401 in the one error shape', async (t) => {
    const before = await counterValue(fastify, 'auth_failures_total', { reason: 'missing' })
    const res = await fastify.inject({ url: '/probe/chat' })
    t.equal(res.statusCode, 401)
    t.same(res.json(), { statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized', message: 'A valid API key is required' })
    t.equal(await counterValue(fastify, 'auth_failures_total', { reason: 'missing' }), before + 1, 'counted')
  })

  t.test('X-API-Key authenticates and puts the principal on the request', async (t) => {
    const res = await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': TEST_API_KEY } })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { principal: { keyId: /^[0-9a-f]{24}$/, name: 'bootstrap', scopes: ['chat', 'metrics', 'admin'] } })
  })

  t.test('Authorization: Bearer authenticates too', async (t) => {
    const res = await fastify.inject({ url: '/probe/chat', headers: { authorization: `Bearer ${TEST_API_KEY}` } })
    t.equal(res.statusCode, 200)
  })

  t.test('an unknown key gets 401 and the failure is logged without the key', async (t) => {
    const presented = 'acai_this-key-does-not-exist-anywhere'
    const before = await counterValue(fastify, 'auth_failures_total', { reason: 'unknown' })
    const res = await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': presented }, remoteAddress: '192.0.2.7' })
    t.equal(res.statusCode, 401)
    t.equal(await counterValue(fastify, 'auth_failures_total', { reason: 'unknown' }), before + 1)
    const line = log.lines().find((l) => l.reason === 'unknown')
    t.match(line, { level: 40, reason: 'unknown', route: '/probe/chat', ip: '192.0.2.7', msg: 'request refused by API-key auth' })
    t.notOk(log.raw().includes(presented) || log.raw().includes(TEST_API_KEY), 'no log line holds a key')
  })

  t.test('a key without the route scope gets 403', async (t) => {
    const { key } = await fastify.apiKeys.create({ name: 'metrics-only', scopes: ['metrics'] })
    const before = await counterValue(fastify, 'auth_failures_total', { reason: 'scope' })
    const res = await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': key } })
    t.equal(res.statusCode, 403)
    t.same(res.json(), { statusCode: 403, code: 'FORBIDDEN', error: 'Forbidden', message: 'This API key lacks the chat scope' })
    t.equal(await counterValue(fastify, 'auth_failures_total', { reason: 'scope' }), before + 1)
  })

  t.test('nested scopes all apply', async (t) => {
    const { key } = await fastify.apiKeys.create({ name: 'chat-only', scopes: ['chat'] })
    t.equal((await fastify.inject({ url: '/probe/admin', headers: { 'x-api-key': key } })).statusCode, 403)
    t.equal((await fastify.inject({ url: '/probe/admin', headers: { 'x-api-key': TEST_API_KEY } })).statusCode, 200)
  })

  t.test('a revoked key is refused with 401', async (t) => {
    const { id, key } = await fastify.apiKeys.create({ name: 'soon-revoked', scopes: ['chat'] })
    t.equal((await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': key } })).statusCode, 200)
    await fastify.apiKeys.revoke(id)
    const before = await counterValue(fastify, 'auth_failures_total', { reason: 'revoked' })
    const res = await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': key } })
    t.equal(res.statusCode, 401)
    t.equal(res.json().code, 'UNAUTHORIZED')
    t.equal(await counterValue(fastify, 'auth_failures_total', { reason: 'revoked' }), before + 1)
  })

  t.test('a key revoked by another process (the CLI) is refused within API_KEY_CACHE_TTL_MS', async (t) => {
    const db = fastify.db
    const cli = createApiKeyStore({ db, cacheTtlMs: 0 })
    const { id, key } = await cli.create({ name: 'revoked-elsewhere', scopes: ['chat'] })
    t.equal((await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': key } })).statusCode, 200)
    await cli.revoke(id)
    await sleep(150)
    t.equal((await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': key } })).statusCode, 401)
  })

  t.test('malformed credentials are refused', async (t) => {
    const res = await fastify.inject({ url: '/probe/chat', headers: { authorization: 'Basic dXNlcjpwYXNz' } })
    t.equal(res.statusCode, 401)
  })

  t.test('public routes need no key', async (t) => {
    t.equal((await fastify.inject({ url: '/health' })).statusCode, 200)
  })
})

test('the bootstrap key can come from API_KEY_FILE, trimmed', async (t) => {
  const dir = t.testdir({ 'api-key': `  ${TEST_API_KEY}-from-file\n` })
  const fastify = await authApp(t, { API_KEY: undefined, API_KEY_FILE: join(dir, 'api-key') })
  const res = await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': `${TEST_API_KEY}-from-file` } })
  t.equal(res.statusCode, 200)
  t.equal(res.json().principal.name, 'bootstrap')
})

test('an unreadable API_KEY_FILE stops start-up with a clear error', async (t) => {
  const path = join(t.testdir({}), 'missing-key')
  await t.rejects(authApp(t, { API_KEY: undefined, API_KEY_FILE: path }), { message: `API_KEY_FILE: cannot read ${path} (ENOENT)` })
})

test('without any key the app starts and refuses protected routes', async (t) => {
  // An external MongoDB: in the embedded zero-setup mode a development key is created instead
  // (test/plugins/development-key.test.ts).
  const server = await startEmbeddedMongo()
  t.after(() => server.close())
  const fastify = await authApp(t, { API_KEY: undefined, MONGODB_URI: server.uri })
  t.equal((await fastify.apiKeys.list()).length, 0)
  t.equal((await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': TEST_API_KEY } })).statusCode, 401)
})
