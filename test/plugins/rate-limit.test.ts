import { test } from 'tap'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { EnvSource } from '../../lib/config/load-config.js'
import { buildPlugins, counterValue, scopeProbes, TEST_API_KEY } from '../helper.js'
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

// Both limits on a bare instance: the public /health route (per-IP limit only) and probe routes behind
// requireScope (per-IP, then per-key).
function build (t: Parameters<typeof buildPlugins>[0], overrides: EnvSource = {}): Promise<FastifyInstance> {
  return buildPlugins(t, [errorHandler, metrics, mongodb, redis, migrations, auditLog, jsonBodies, rateLimit, auth, health], overrides, {
    extend: async (fastify) => {
      await scopeProbes(fastify)
      await fastify.register(healthRoute)
    }
  })
}

const LONG_WINDOW = { RATE_LIMIT_WINDOW_MS: '60000' }

test('15 quick requests to /health with RATE_LIMIT_MAX=10 get 429s with Retry-After, RateLimit-* and the error shape', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_MAX: '10' })
  const before = await counterValue(fastify, 'rate_limit_rejections_total', { scope: 'ip' })
  // A burst, like the checklist's curl loop: all 15 land within one 1-second window.
  const responses = await Promise.all(Array.from({ length: 15 }, () => fastify.inject({ url: '/health' })))
  const limited = responses.filter((r) => r.statusCode === 429)
  t.ok(limited.length >= 1, `${limited.length} of 15 were limited`)
  const allowed = responses.find((r) => r.statusCode === 200)
  t.equal(allowed?.headers['ratelimit-limit'], '10', 'allowed responses carry the limit too')
  t.match(allowed?.headers['ratelimit-remaining'], /^\d$/)

  const rejected = limited[0]
  t.ok(rejected)
  if (rejected === undefined) return
  t.same(Object.keys(rejected.json()).sort(), ['code', 'error', 'message', 'statusCode'])
  t.match(rejected.json(), { statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests', message: /^Rate limit exceeded, retry in / })
  t.match(rejected.headers['retry-after'], /^\d+$/)
  t.equal(rejected.headers['ratelimit-limit'], '10')
  t.equal(rejected.headers['ratelimit-remaining'], '0')
  t.match(rejected.headers['ratelimit-reset'], /^\d+$/)
  t.equal(await counterValue(fastify, 'rate_limit_rejections_total', { scope: 'ip' }), before + limited.length, 'each 429 is counted')
})

test('each client IP has its own allowance', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_MAX: '3', ...LONG_WINDOW })
  const status = async (ip: string): Promise<number> => (await fastify.inject({ url: '/health', remoteAddress: ip })).statusCode
  for (let i = 0; i < 3; i++) t.equal(await status('198.51.100.1'), 200)
  t.equal(await status('198.51.100.1'), 429)
  t.equal(await status('198.51.100.2'), 200, 'another address is not affected')
  t.equal(await status('::ffff:198.51.100.1'), 429, 'the IPv4-mapped form of an address is the same client')
})

test('the client port never matters: new connections from one address share the allowance', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_MAX: '5', ...LONG_WINDOW })
  await fastify.listen({ host: '127.0.0.1', port: 0 })
  const { port } = fastify.server.address() as AddressInfo
  const ports = new Set<number>()
  const statuses: number[] = []
  for (let i = 0; i < 8; i++) {
    statuses.push(await new Promise<number>((resolve, reject) => {
      // agent: false opens a fresh connection, so every request comes from another source port.
      const req = httpRequest({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('socket', (socket) => socket.on('connect', () => { if (socket.localPort !== undefined) ports.add(socket.localPort) }))
      req.on('error', reject)
      req.end()
    }))
  }
  t.ok(ports.size > 1, `requests came from ${ports.size} source ports`)
  t.same(statuses, [200, 200, 200, 200, 200, 429, 429, 429])
})

test('X-Forwarded-For counts only when TRUST_PROXY says so', async (t) => {
  const direct = await build(t, { RATE_LIMIT_MAX: '2', ...LONG_WINDOW })
  const spoofed = []
  for (let i = 0; i < 3; i++) {
    spoofed.push((await direct.inject({ url: '/health', remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': `203.0.113.${i}` } })).statusCode)
  }
  t.same(spoofed, [200, 200, 429], 'without TRUST_PROXY a forged header buys no new allowance')

  const proxied = await build(t, { RATE_LIMIT_MAX: '2', TRUST_PROXY: '192.0.2.10', ...LONG_WINDOW })
  const viaProxy = []
  for (let i = 0; i < 3; i++) {
    viaProxy.push((await proxied.inject({ url: '/health', remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': `203.0.113.${i}` } })).statusCode)
  }
  t.same(viaProxy, [200, 200, 200], 'behind a trusted proxy each forwarded client has its own allowance')
})

test('addresses on RATE_LIMIT_ALLOWLIST are never limited', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_MAX: '2', RATE_LIMIT_ALLOWLIST: '203.0.113.5, 2001:db8::1', ...LONG_WINDOW })
  for (const ip of ['203.0.113.5', '2001:db8::1']) {
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await fastify.inject({ url: '/health', remoteAddress: ip })).statusCode)
    t.same(statuses, [200, 200, 200, 200, 200], ip)
  }
  t.equal((await fastify.inject({ url: '/health', remoteAddress: '2001:db8::2' })).statusCode, 200)
})

test('a malformed RATE_LIMIT_ALLOWLIST stops start-up', async (t) => {
  await t.rejects(build(t, { RATE_LIMIT_ALLOWLIST: 'localhost' }), /RATE_LIMIT_ALLOWLIST: 'localhost' is not an IP address/)
})

test('each API key has its own allowance across client addresses', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_KEY_MAX: '3', ...LONG_WINDOW })
  const { key } = await fastify.apiKeys.create({ name: 'limited', scopes: ['chat', 'admin'] })
  const before = await counterValue(fastify, 'rate_limit_rejections_total', { scope: 'key' })
  const statuses = []
  for (let i = 0; i < 4; i++) {
    statuses.push(await fastify.inject({ url: '/probe/chat', remoteAddress: `198.51.100.${10 + i}`, headers: { 'x-api-key': key } }))
  }
  t.same(statuses.map((r) => r.statusCode), [200, 200, 200, 429], 'changing address does not reset a key\'s allowance')
  const rejected = statuses[3]
  t.match(rejected?.json(), { statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests', message: /^Rate limit exceeded, retry in \d+ seconds?$/ })
  t.match(rejected?.headers['retry-after'], /^\d+$/)
  t.equal(rejected?.headers['ratelimit-limit'], '3')
  t.equal(rejected?.headers['ratelimit-remaining'], '0')
  t.equal(await counterValue(fastify, 'rate_limit_rejections_total', { scope: 'key' }), before + 1)

  t.equal((await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': TEST_API_KEY } })).statusCode, 200, 'another key is not affected')
})

test('a request through nested scoped folders counts once against its key', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_KEY_MAX: '3', ...LONG_WINDOW })
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await fastify.inject({ url: '/probe/admin', headers: { 'x-api-key': TEST_API_KEY } })).statusCode)
  t.same(statuses, [200, 200, 200, 429])
})

test('refused keys do not consume a key allowance', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_KEY_MAX: '2', ...LONG_WINDOW })
  for (let i = 0; i < 3; i++) t.equal((await fastify.inject({ url: '/probe/chat' })).statusCode, 401)
  t.equal((await fastify.inject({ url: '/probe/chat', headers: { 'x-api-key': TEST_API_KEY } })).statusCode, 200)
})

test('requests with a wrong key and requests to unknown routes count against the client IP', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_MAX: '3', ...LONG_WINDOW })
  const guess = (ip: string) => fastify.inject({ url: '/probe/chat', remoteAddress: ip, headers: { 'x-api-key': 'acai_wrong-guess-0000000000000000' } })
  const statuses = []
  for (let i = 0; i < 5; i++) statuses.push((await guess('198.51.100.7')).statusCode)
  t.same(statuses, [401, 401, 401, 429, 429], 'key guessing is throttled per address')

  const unknown = []
  for (let i = 0; i < 4; i++) unknown.push((await fastify.inject({ url: '/no-such-route', remoteAddress: '198.51.100.8' })).statusCode)
  t.same(unknown, [404, 404, 404, 429], 'route scanning is throttled per address')
})

test('the RateLimit-* headers report the limit closest to refusing the request', async (t) => {
  const fastify = await build(t, { RATE_LIMIT_MAX: '5', RATE_LIMIT_KEY_MAX: '2', ...LONG_WINDOW })
  const { key } = await fastify.apiKeys.create({ name: 'tight', scopes: ['chat'] })
  const send = (ip: string) => fastify.inject({ url: '/probe/chat', remoteAddress: ip, headers: { 'x-api-key': key } })
  const first = await send('198.51.100.20')
  t.equal(first.headers['ratelimit-limit'], '2', 'the key has fewer requests left than the address')
  t.equal(first.headers['ratelimit-remaining'], '1')
  const second = await send('198.51.100.20')
  t.equal(second.headers['ratelimit-remaining'], '0')
  const third = await send('198.51.100.20')
  t.equal(third.statusCode, 429)
  t.equal(third.headers['ratelimit-limit'], '2')

  // An address close to its own limit with a fresh key: the address's numbers stand.
  const roomy = await fastify.apiKeys.create({ name: 'roomy', scopes: ['chat'] })
  for (let i = 0; i < 3; i++) await fastify.inject({ url: '/health', remoteAddress: '198.51.100.21' })
  const near = await fastify.inject({ url: '/probe/chat', remoteAddress: '198.51.100.21', headers: { 'x-api-key': roomy.key } })
  t.equal(near.statusCode, 200)
  t.equal(near.headers['ratelimit-limit'], '5')
  t.equal(near.headers['ratelimit-remaining'], '1')
})
