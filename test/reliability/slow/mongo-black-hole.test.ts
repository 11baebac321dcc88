// MongoDB that accepts connections and never answers (DESIGN.md 7.1, issue 12): a TCP proxy in front of the
// database turns into a black hole while the server process runs. Every request that needs the database
// fails with 503 and Retry-After within the driver's bound instead of hanging, /health and /ready keep
// answering (503, the process is alive), and once the database answers again requests succeed without a
// restart.
import { test } from 'tap'
import { startEmbeddedMongo } from '../../../lib/embedded-mongo/index.js'
import { TEST_API_KEY } from '../../helper.js'
import { startProcess } from '../../support/server-process.js'
import { call, eventually, startBlackHoleProxy, type Answer } from '../../support/fault-deps.js'
import { recordReliability } from '../../support/reliability-report.js'

const SUITE = 'mongo-black-hole'
const auth = { 'x-api-key': TEST_API_KEY }
// The driver's bounds: an operation waits MONGODB_SOCKET_TIMEOUT_MS for an answer, its one retry at most
// MONGODB_TIMEOUT_MS to select the server or connect, so about 5 s here.
const DRIVER_ENV = { MONGODB_SOCKET_TIMEOUT_MS: '2000', MONGODB_TIMEOUT_MS: '1500' }
/** Past this a request counts as hung: twice the driver's bound, for a busy machine. */
const HUNG_MS = 10_000

test('a MongoDB black hole fails requests in bounded time and the process stays up', async (t) => {
  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 })
  t.teardown(() => mongo.close())
  const proxy = await startBlackHoleProxy({ host: '127.0.0.1', port: mongo.port })
  t.teardown(() => proxy.close())
  const server = await startProcess(t, ['server.ts'], { ...DRIVER_ENV, MONGODB_URI: proxy.uri, HEALTH_PROBE_INTERVAL_MS: '0' })
  t.ok(server.running(), 'the server started against the proxy')
  const { port } = server

  const created = await call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: 'what time is it in Tokyo?' } })
  t.equal(created.status, 201, 'served while the database answers')
  const id = String(JSON.parse(created.body).conversation.id)

  proxy.blackHole()
  const requests: Array<Promise<Answer>> = []
  for (let i = 0; i < 4; i++) {
    requests.push(call(port, '/v1/conversations', { headers: auth, timeoutMs: HUNG_MS }))
    requests.push(call(port, `/v1/conversations/${id}`, { headers: auth, timeoutMs: HUNG_MS }))
    requests.push(call(port, `/v1/conversations/${id}/messages`, { method: 'POST', headers: auth, body: { message: `black hole ${i}` }, timeoutMs: HUNG_MS }))
    requests.push(call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: `black hole start ${i}` }, timeoutMs: HUNG_MS }))
  }
  const health = await call(port, '/health', { timeoutMs: HUNG_MS })
  const ready = await call(port, '/ready', { timeoutMs: HUNG_MS })
  const answers = await Promise.all(requests)

  const hung = answers.filter((a) => a.hung).length
  const slowest = Math.max(...answers.map((a) => a.ms))
  t.equal(hung, 0, `no request hung (slowest answered in ${slowest} ms)`)
  const statuses = answers.map((a) => a.status)
  t.same([...new Set(statuses)], [503], `every request needing the database answered 503 (${statuses.join(',')})`)
  t.ok(answers.every((a) => Number(a.headers['retry-after']) > 0), 'each 503 carries Retry-After')
  t.ok(answers.every((a) => a.body.includes('"statusCode":503')), 'in the one error shape')
  t.equal(health.status, 503, `/health answers while the database is a black hole (${health.ms} ms)`)
  t.match(JSON.parse(health.body), { status: 'unhealthy', checks: { mongodb: 'unavailable' } })
  t.equal(ready.status, 503, '/ready takes the instance out of rotation')
  t.ok(server.running(), 'the process is still running')
  t.ok(proxy.swallowed() > 0, `the driver's new connections were swallowed too (${proxy.swallowed()})`)

  proxy.restore()
  const restoredAt = Date.now()
  const recovered = await eventually(async () => (await call(port, '/v1/conversations', { headers: auth, timeoutMs: HUNG_MS })).status === 200, 20_000, 250)
  const recoveryMs = Date.now() - restoredAt
  t.ok(recovered, `requests succeed again once the database answers, without a restart (${recoveryMs} ms)`)
  const after = await call(port, `/v1/conversations/${id}/messages`, { method: 'POST', headers: auth, body: { message: 'and now?' } })
  t.equal(after.status, 201)
  t.equal((await call(port, '/ready')).status, 200)

  await recordReliability({
    suite: SUITE,
    scenario: 'MongoDB turned into a TCP black hole under chat and list requests, then restored',
    requests: answers.length + 3,
    faults: 1,
    failures: (created.status === 201 ? 0 : 1) + (after.status === 201 ? 0 : 1),
    lost: 0,
    duplicates: 0,
    unexpected5xx: answers.filter((a) => a.status >= 500 && a.status !== 503).length,
    hung,
    bypasses: 0,
    notes: `${answers.length} requests during the black hole, all 503 with Retry-After, slowest ${slowest} ms; /health answered in ${health.ms} ms; served again ${recoveryMs} ms after the database answered`
  })
})

test('a server started against a black hole gives up within the driver\'s bound instead of hanging', async (t) => {
  const proxy = await startBlackHoleProxy({ host: '127.0.0.1', port: 9 })
  t.teardown(() => proxy.close())
  proxy.blackHole()
  const startedAt = Date.now()
  const server = await startProcess(t, ['server.ts'], { ...DRIVER_ENV, MONGODB_URI: proxy.uri })
  const { code, at } = await server.exited
  t.equal(code, 1, `start-up failed with exit 1 after ${at - startedAt} ms (a supervisor restarts it)`)
  t.match(server.logs(), /acai: failed to start: .*(Server selection timed out|connection|timed out)/i, 'saying why')
  t.notMatch(server.logs(), 'Server listening')
  t.ok(proxy.swallowed() > 0, 'the driver\'s connections went into the black hole')
  await recordReliability({
    suite: SUITE,
    scenario: 'server started against a MongoDB black hole',
    requests: 0,
    faults: 1,
    failures: code === 1 ? 0 : 1,
    lost: 0,
    duplicates: 0,
    unexpected5xx: 0,
    hung: server.running() ? 1 : 0,
    bypasses: 0,
    notes: `start-up gave up with exit 1 after ${at - startedAt} ms (process start included)`
  })
})
