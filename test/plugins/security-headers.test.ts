import { test } from 'tap'
import type { FastifyInstance } from 'fastify'
import type { EnvSource } from '../../lib/config/load-config.js'
import { buildPlugins } from '../helper.js'
import errorHandler from '../../plugins/app/error-handler.js'
import cors from '../../plugins/app/cors.js'
import securityHeaders from '../../plugins/external/helmet.js'

// Helmet and CORS on a bare instance, with a stand-in for a public API route.
function build (t: Parameters<typeof buildPlugins>[0], overrides: EnvSource = {}): Promise<FastifyInstance> {
  return buildPlugins(t, [errorHandler, securityHeaders, cors], overrides, {
    extend: async (fastify) => {
      fastify.get('/health', async () => ({ status: 'healthy' }))
    }
  })
}
import { splitList } from '../../lib/config/list.js'

test('helmet sets the security headers on API responses', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
  t.match(String(res.headers['strict-transport-security']), /max-age=/)
  t.equal(res.headers['content-security-policy'], "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'")
  t.notOk(res.headers['x-powered-by'])
})

test('error responses carry the security headers too', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/nowhere' })
  t.equal(res.statusCode, 404)
  t.equal(res.headers['x-content-type-options'], 'nosniff')
})

test('with CORS_ORIGINS empty no CORS header is sent and preflights find no route', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://app.example' } })
  t.notOk(res.headers['access-control-allow-origin'])
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/health',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' }
  })
  t.equal(preflight.statusCode, 404)
})

test('CORS_ORIGINS allows exactly the listed origins, with the API-key header', async (t) => {
  const app = await build(t, { CORS_ORIGINS: 'https://app.example, https://admin.example' })
  const allowed = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://admin.example' } })
  t.equal(allowed.headers['access-control-allow-origin'], 'https://admin.example')
  t.match(String(allowed.headers['access-control-expose-headers']), /retry-after/)

  const other = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } })
  t.notOk(other.headers['access-control-allow-origin'])

  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/conversations',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key,content-type' }
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], 'https://app.example')
  t.match(String(preflight.headers['access-control-allow-headers']), /x-api-key/)
  t.match(String(preflight.headers['access-control-allow-headers']), /idempotency-key/, 'browsers may send Idempotency-Key')
  t.match(String(allowed.headers['access-control-expose-headers']), /idempotent-replayed/)
  t.match(String(allowed.headers['access-control-expose-headers']), /location/)
})

test('CORS origin lists are trimmed and empty entries dropped', async (t) => {
  t.same(splitList(' https://a.example ,, https://b.example '), ['https://a.example', 'https://b.example'])
  t.same(splitList(''), [])
})

test('responses refused by the earliest hooks (429) carry the security headers too', async (t) => {
  const { build: buildApp } = await import('../helper.js')
  const app = await buildApp(t, { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW_MS: '60000' })
  await app.inject({ url: '/health' })
  const limited = await app.inject({ url: '/health' })
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['x-content-type-options'], 'nosniff')
  t.match(String(limited.headers['content-security-policy']), /default-src 'none'/)
})
