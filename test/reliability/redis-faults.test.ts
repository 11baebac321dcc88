// Redis SIGKILLed under a steady stream of chat and list requests, then restarted (DESIGN.md 7.1, issue 12):
// no request fails, /health goes `degraded` and back to `ok` without restarting the app, and the per-IP
// limit keeps counting: in Redis before, in process during the outage, in Redis again after.
import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { TEST_API_KEY } from '../helper.js'
import { startProcess } from '../support/server-process.js'
import { call, eventually, startRedisServer, type Answer } from '../support/fault-deps.js'
import { recordReliability } from '../support/reliability-report.js'

const SUITE = 'redis-faults'
const LIMIT = 5
const auth = { 'x-api-key': TEST_API_KEY }
const HUNG_MS = 10_000

test('Redis killed and restarted under chat and list requests', async (t) => {
  const redis = await startRedisServer(t)
  const server = await startProcess(t, ['server.ts'], {
    REDIS_URL: redis.url,
    HEALTH_PROBE_INTERVAL_MS: '0',
    // Each request of the stream comes from its own address (X-Forwarded-For), so the per-IP limit of 5
    // a minute is tested on the probe addresses alone.
    TRUST_PROXY: 'true',
    RATE_LIMIT_MAX: String(LIMIT),
    RATE_LIMIT_WINDOW_MS: '60000'
  })
  const { port } = server
  let address = 0
  const from = (): Record<string, string> => {
    address++
    return { ...auth, 'x-forwarded-for': `10.20.${Math.floor(address / 250)}.${(address % 250) + 1}` }
  }
  const health = async (): Promise<{ status: string, redis: string }> => {
    const answer = await call(port, '/health', { headers: { 'x-forwarded-for': '10.99.0.1' } })
    const body = JSON.parse(answer.body)
    return { status: body.status, redis: body.checks?.redis }
  }
  t.same(await health(), { status: 'healthy', redis: 'ok' }, 'healthy with Redis up')

  const first = await call(port, '/v1/conversations', { method: 'POST', headers: from(), body: { message: 'what time is it in Tokyo?' } })
  t.equal(first.status, 201)
  const conversationId = String(JSON.parse(first.body).conversation.id)

  // The steady stream: one request every 100 ms, cycling through chat, list, session and read requests.
  const answers: Array<Promise<Answer>> = []
  const stop = new AbortController()
  const kinds = [
    () => call(port, '/v1/conversations', { method: 'POST', headers: from(), body: { message: 'hello' }, timeoutMs: HUNG_MS }),
    () => call(port, '/v1/conversations?limit=5', { headers: from(), timeoutMs: HUNG_MS }),
    () => call(port, `/v1/conversations/${conversationId}/messages`, { method: 'POST', headers: from(), body: { message: 'what time is it in Paris?' }, timeoutMs: HUNG_MS }),
    () => call(port, '/v1/sessions/messages', { method: 'POST', headers: from(), body: { platform: 'reliability', chatId: 'redis-faults', message: 'hola' }, timeoutMs: HUNG_MS }),
    () => call(port, `/v1/conversations/${conversationId}?messagesLimit=5`, { headers: from(), timeoutMs: HUNG_MS })
  ]
  const pump = (async () => {
    for (let i = 0; !stop.signal.aborted; i++) {
      answers.push(kinds[i % kinds.length]())
      await sleep(100)
    }
  })()

  // The per-IP limit, probed from one address: LIMIT answers, then 429s.
  const probeLimit = async (ip: string): Promise<number[]> => {
    const statuses: number[] = []
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await call(port, '/v1/conversations?limit=1', { headers: { ...auth, 'x-forwarded-for': ip } })).status)
    return statuses
  }
  const limited = [...Array(LIMIT).fill(200), 429, 429]

  await sleep(1500)
  t.same(await probeLimit('192.0.2.10'), limited, 'the limit holds while Redis runs')
  t.equal(await redis.client.get('acai:rl:192.0.2.10'), String(LIMIT + 2), 'counted in Redis')

  await redis.kill()
  const killedAt = Date.now()
  const degraded = await eventually(async () => (await health()).status === 'degraded', 10_000)
  t.ok(degraded, `/health says degraded ${Date.now() - killedAt} ms after the kill`)
  t.same(await health(), { status: 'degraded', redis: 'unavailable' })
  await sleep(1500)
  t.same(await probeLimit('192.0.2.11'), limited, 'the limit keeps counting in process while Redis is down')

  await redis.start()
  const restartedAt = Date.now()
  const healthy = await eventually(async () => (await health()).status === 'healthy', 20_000, 250)
  t.ok(healthy, `/health is healthy again ${Date.now() - restartedAt} ms after the restart`)
  t.same(await health(), { status: 'healthy', redis: 'ok' })
  // The app's client reconnects on its own schedule; counting moves back to Redis once it has.
  const counted = await eventually(async () => {
    const ip = `192.0.2.${100 + Math.floor(Math.random() * 100)}`
    await call(port, '/v1/conversations?limit=1', { headers: { ...auth, 'x-forwarded-for': ip } })
    return await redis.client.get(`acai:rl:${ip}`).catch(() => null) === '1'
  }, 10_000, 250)
  t.ok(counted, 'counting is back in Redis')
  t.same(await probeLimit('192.0.2.12'), limited, 'the limit holds after the restart')
  t.equal(await redis.client.get('acai:rl:192.0.2.12'), String(LIMIT + 2), 'counted in Redis again')
  await sleep(1000)

  stop.abort()
  await pump
  const settled = await Promise.all(answers)
  const failed = settled.filter((a) => a.status < 200 || a.status >= 300)
  const hung = settled.filter((a) => a.hung).length
  t.ok(settled.length >= 40, `${settled.length} requests streamed across the outage`)
  t.same(failed.map((a) => `${a.status} ${a.error ?? a.body.slice(0, 120)}`), [], 'no request of the stream failed')
  t.equal(hung, 0, 'none hung')
  t.ok(server.running(), 'the app was never restarted')
  t.equal((await call(port, '/ready')).status, 200)

  await recordReliability({
    suite: SUITE,
    scenario: 'Redis SIGKILLed under 10 req/s of chat, list and session requests, then restarted',
    requests: settled.length + 3 * (LIMIT + 2),
    faults: 1,
    failures: failed.length,
    lost: 0,
    duplicates: 0,
    unexpected5xx: settled.filter((a) => a.status >= 500).length,
    hung,
    bypasses: 0,
    notes: 'health went degraded and back to healthy without an app restart; the per-IP limit refused the 6th request before, during and after the outage'
  })
})
