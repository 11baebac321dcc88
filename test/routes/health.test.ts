import { test } from 'tap'
import { build } from '../helper.js'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import { freePort } from '../free-port.js'

test('with nothing configured both checks report the embedded defaults', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { status: 'healthy', checks: { mongodb: 'embedded', redis: 'embedded' } })
  t.ok(!Number.isNaN(Date.parse(body.timestamp)), 'ISO timestamp')
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready' })
})

test('with REDIS_URL the redis check is "ok"', async (t) => {
  const app = await build(t, { REDIS_URL: 'redis://127.0.0.1:6379/15' })
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'healthy', checks: { mongodb: 'embedded', redis: 'ok' } })
  t.equal(app.kv.mode, 'redis')
})

test('with MONGODB_URI at a standalone server the mongodb check is "ok"', async (t) => {
  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 })
  t.teardown(() => mongo.close())
  const app = await build(t, { MONGODB_URI: mongo.uri })
  t.equal(app.mongoMode, 'external')
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'healthy', checks: { mongodb: 'ok', redis: 'embedded' } })
})

test('Redis unreachable at start-up: the app still boots, reports degraded and serves', async (t) => {
  const port = await freePort()
  const app = await build(t, { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_STARTUP_WAIT_MS: '0' })
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.statusCode, 200, 'degraded is still 200')
  t.match(res.json(), { status: 'degraded', checks: { mongodb: 'embedded', redis: 'unavailable' } })
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200, 'ready: Redis is not needed to serve')
  await app.kv.set('k', 'v', 5000)
  t.equal(await app.kv.get('k'), 'v', 'the cache falls back to the in-process store')
})

test('MongoDB going away: /health 503 unhealthy, /ready 503 with Retry-After, database errors 503', async (t) => {
  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 })
  let mongoClosed = false
  t.teardown(async () => { if (!mongoClosed) await mongo.close() })
  const app = await build(t, { MONGODB_URI: mongo.uri, MONGODB_TIMEOUT_MS: '300', HEALTH_PROBE_INTERVAL_MS: '0' }, {
    extend: (fastify) => {
      // Stands for any chat route: it reads the database and lets the error handler map the failure.
      fastify.get('/test/read', async () => {
        const doc = await fastify.db.collection('probe').findOne({})
        return { found: doc !== null }
      })
    }
  })
  t.equal((await app.inject({ method: 'GET', url: '/test/read' })).statusCode, 200)

  await mongo.close()
  mongoClosed = true

  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 503)
  t.match(health.json(), { status: 'unhealthy', checks: { mongodb: 'unavailable', redis: 'embedded' } })

  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 503)
  t.ok(Number(ready.headers['retry-after']) > 0, 'Retry-After')
  t.match(ready.json(), { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable' })

  const read = await app.inject({ method: 'GET', url: '/test/read' })
  t.equal(read.statusCode, 503, 'a database error is 503, not 500')
  t.ok(Number(read.headers['retry-after']) > 0)
  t.equal(read.json().code, 'SERVICE_UNAVAILABLE')

  // Back on the same port: the driver reconnects by itself.
  const again = await startEmbeddedMongo({ host: '127.0.0.1', port: mongo.port })
  t.teardown(() => again.close())
  let recovered = await app.inject({ method: 'GET', url: '/health' })
  for (let i = 0; i < 50 && recovered.statusCode !== 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    recovered = await app.inject({ method: 'GET', url: '/health' })
  }
  t.equal(recovered.statusCode, 200, 'healthy again once MongoDB is back')
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
})

test('/ready asks MongoDB only; /health checks Redis too', async (t) => {
  const app = await build(t)
  let redisChecks = 0
  const check = app.kv.health.bind(app.kv)
  app.kv.health = async () => { redisChecks++; return await check() }
  t.equal((await app.inject({ url: '/ready' })).statusCode, 200)
  t.equal(redisChecks, 0, 'readiness never pings Redis')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  t.equal(redisChecks, 1)
})

test('probes run at most once per HEALTH_PROBE_INTERVAL_MS, however often /health and /ready are asked', async (t) => {
  const app = await build(t, { HEALTH_PROBE_INTERVAL_MS: '60000' })
  let pings = 0
  const command = app.db.command.bind(app.db)
  app.db.command = async (...args: Parameters<typeof command>) => { pings++; return await command(...args) }
  for (let i = 0; i < 20; i++) {
    t.equal((await app.inject({ url: i % 2 === 0 ? '/health' : '/ready' })).statusCode, 200)
  }
  t.equal(pings, 1, 'one MongoDB round trip for twenty probes')
})
