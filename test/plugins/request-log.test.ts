import { test } from 'tap'
import { build, captureLogs, TEST_API_KEY } from '../helper.js'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import { freePort } from '../free-port.js'

test('one JSON line per request with request id, method, route pattern, status and duration', async (t) => {
  const log = captureLogs()
  const app = await build(t, { LOG_LEVEL: 'info' }, {
    logStream: log.stream,
    extend: (fastify) => {
      fastify.get('/test/items/:id', async () => ({ ok: true }))
      fastify.get('/test/bug', async () => { throw new Error('internal detail for the log only') })
    }
  })
  const before = log.lines().length

  const ok = await app.inject({ method: 'GET', url: '/test/items/42?debug=1', headers: { 'x-request-id': 'req-abc' } })
  t.equal(ok.statusCode, 200)
  t.equal(ok.headers['x-request-id'], 'req-abc', 'the caller\'s request id is kept and echoed')
  await app.inject({ method: 'GET', url: '/nowhere/secret-path' })
  const bug = await app.inject({ method: 'GET', url: '/test/bug' })
  t.equal(bug.statusCode, 500)

  const lines = log.lines().slice(before)
  t.equal(lines.length, 3, 'exactly one line per request')
  const [first, notFound, failed] = lines
  t.match(first, { level: 30, reqId: 'req-abc', method: 'GET', route: '/test/items/:id', statusCode: 200, msg: 'request completed' })
  t.type(first?.durationMs, 'number')
  t.notMatch(JSON.stringify(first), /debug=1|\/42/, 'the raw URL is not logged')

  t.match(notFound, { route: null, statusCode: 404, code: 'NOT_FOUND' })
  t.notMatch(JSON.stringify(notFound), /secret-path/)

  t.match(failed, { level: 50, route: '/test/bug', statusCode: 500, code: 'INTERNAL_ERROR', msg: 'request failed', reqId: bug.headers['x-request-id'] })
  t.match(failed?.err, { message: 'internal detail for the log only' }, 'the 5xx cause is in the same line')
  t.notMatch(bug.body, /internal detail/, 'and never in the response')
})

test('a request id that is not a short token is replaced by a fresh UUID', async (t) => {
  const log = captureLogs()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: log.stream })
  const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'x'.repeat(500) } })
  t.match(res.headers['x-request-id'], /^[0-9a-f]{8}-[0-9a-f]{4}-/)
  t.notMatch(log.raw(), 'x'.repeat(100))
  const other = await app.inject({ method: 'GET', url: '/health' })
  t.not(other.headers['x-request-id'], res.headers['x-request-id'], 'ids differ per request')
})

test('4xx lines carry the error code and reason', async (t) => {
  const log = captureLogs()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: log.stream })
  await app.inject({ method: 'GET', url: '/metrics' })
  const line = log.lines().find((l) => l.msg === 'request completed' && l.route === '/metrics')
  t.match(line, { statusCode: 401, code: 'UNAUTHORIZED', reason: 'A valid API key is required' })
})

test('API keys, bearer tokens and cookies never reach the log', async (t) => {
  const log = captureLogs()
  const app = await build(t, { LOG_LEVEL: 'trace' }, { logStream: log.stream })
  const cookie = 'session=cookie-secret-value'
  await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY, cookie } })
  await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TEST_API_KEY}` } })
  await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': 'wrong-key-0123456789-zzzz' } })
  app.log.info({ req: { headers: { 'x-api-key': TEST_API_KEY, authorization: 'Bearer x', cookie } } }, 'headers logged by mistake')
  app.log.info({ headers: { 'x-api-key': TEST_API_KEY }, password: 'pw-secret', nested: { password: 'pw-secret' } }, 'more mistakes')

  const raw = log.raw()
  t.ok(log.lines().length > 3, 'something was logged')
  t.notMatch(raw, TEST_API_KEY)
  t.notMatch(raw, 'wrong-key-0123456789-zzzz')
  t.notMatch(raw, 'cookie-secret-value')
  t.notMatch(raw, 'pw-secret')
  t.match(raw, '[redacted]')
})

test('passwords in MONGODB_URI and REDIS_URL never reach the log', async (t) => {
  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0, users: [{ username: 'acai', password: 'mongo-pass-0451' }] })
  t.teardown(() => mongo.close())
  const redisPort = await freePort()
  const log = captureLogs()
  const app = await build(t, {
    LOG_LEVEL: 'trace',
    MONGODB_URI: `mongodb://acai:mongo-pass-0451@127.0.0.1:${mongo.port}/?authSource=admin`,
    REDIS_URL: `redis://:redis-pass-0452@127.0.0.1:${redisPort}`,
    REDIS_STARTUP_WAIT_MS: '0'
  }, { logStream: log.stream })
  await app.inject({ method: 'GET', url: '/health' })

  const raw = log.raw()
  t.match(raw, 'connecting to MongoDB', 'the MongoDB URI was logged')
  t.match(raw, 'acai:***@127.0.0.1', 'with its password masked')
  t.match(raw, ':***@127.0.0.1', 'the Redis URL too')
  t.notMatch(raw, 'mongo-pass-0451')
  t.notMatch(raw, 'redis-pass-0452')
})

test('the embedded defaults are announced once, in one line', async (t) => {
  const log = captureLogs()
  await build(t, { LOG_LEVEL: 'info' }, { logStream: log.stream })
  const notices = log.lines().filter((l) => typeof l.msg === 'string' && /embedded defaults/.test(l.msg))
  t.equal(notices.length, 1)
  t.match(notices[0], { level: 40, embedded: { mongodb: /in memory/, redis: /in-process/, model: /offline assistant/ } })
  t.match(notices[0]?.msg, /not for production/)
})

test('with MongoDB and Redis configured only the offline assistant is announced', async (t) => {
  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 })
  t.teardown(() => mongo.close())
  const log = captureLogs()
  await build(t, { LOG_LEVEL: 'info', MONGODB_URI: mongo.uri, REDIS_URL: 'redis://127.0.0.1:6379/15' }, { logStream: log.stream })
  const notices = log.lines().filter((l) => typeof l.msg === 'string' && /embedded defaults/.test(l.msg))
  t.equal(notices.length, 1)
  t.same(Object.keys(notices[0]?.embedded ?? {}), ['model'], 'nothing about MongoDB or Redis')
})

test('message content reaches the log only with LOG_CONTENT=true', async (t) => {
  const message = 'what time is it in Reykjavik? secret-marker-7731'
  for (const logContent of ['false', 'true']) {
    const log = captureLogs()
    const app = await build(t, { LOG_LEVEL: 'info', LOG_CONTENT: logContent }, { logStream: log.stream })
    const res = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { 'x-api-key': TEST_API_KEY }, payload: { message } })
    t.equal(res.statusCode, 201)
    const content = log.lines().filter((l) => l.msg === 'chat turn content')
    if (logContent === 'false') {
      t.notMatch(log.raw(), 'secret-marker-7731', 'by default the content is never logged')
    } else {
      t.equal(content.length, 1, 'one line per turn')
      t.match(content[0], { message, reply: res.json().reply.content, conversationId: res.json().conversation.id })
    }
  }
})
