// Past one Redis (DESIGN.md 11): two app instances with REDIS_CLUSTER_NODES on a local Redis Cluster (three
// masters, one replica each) and one `acai mongo` process. The per-IP and per-key limits, the weather cache
// and chat sessions run through the cluster; then a master is SIGKILLed under a stream of mixed requests:
// no request fails, /health goes degraded until the replica has taken over, then healthy again.
import { randomInt } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import { Cluster } from 'ioredis'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { build } from '../../helper.js'
import { recordReliability } from '../../support/reliability-report.js'
import { missingRedis, startRedisCluster } from '../../support/redis-cluster.js'
import { fakeWeatherUpstream } from '../../support/weather-upstream.js'
import { startProcess } from '../../support/server-process.js'
import { startMongoProcess } from '../../lib/embedded-mongo/mongo-process.js'

const SUITE = 'redis-cluster'
const IP_MAX = 30
const KEY_MAX = 20
const clock = (): Date => new Date('2026-11-25T13:05:09Z')

function freshIp (): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

test('the service over a three-master Redis Cluster', { skip: missingRedis() }, async (t) => {
  const cluster = await startRedisCluster(t)
  const mongo = await startMongoProcess(t, ['--port', '0'])
  const upstream = fakeWeatherUpstream()
  t.teardown(() => upstream.agent.close())
  const env = {
    REDIS_CLUSTER_NODES: cluster.spec,
    MONGODB_URI: mongo.uri,
    RATE_LIMIT_MAX: String(IP_MAX),
    RATE_LIMIT_KEY_MAX: String(KEY_MAX),
    RATE_LIMIT_WINDOW_MS: '60000',
    HEALTH_PROBE_INTERVAL_MS: '0',
    API_KEY_CACHE_TTL_MS: '60000'
  }
  const options = { app: { weather: { dispatcher: upstream.agent, clock } } }
  const apps: FastifyInstance[] = [await build(t, env, options), await build(t, env, options)]
  const [a, b] = apps as [FastifyInstance, FastifyInstance]
  // A client of its own, to look at what the instances stored.
  const probe = new Cluster(cluster.spec.split(',').map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })))
  probe.on('error', () => {})
  t.teardown(() => probe.disconnect())

  async function newKey (): Promise<{ id: string, headers: Record<string, string> }> {
    const { id, key } = await a.apiKeys.create({ name: `cluster-${randomInt(1e9)}`, scopes: ['chat'] })
    return { id, headers: { 'x-api-key': key } }
  }

  await t.test('the per-IP limit holds across both instances', async (t) => {
    const ip = freshIp()
    const statuses = await Promise.all(Array.from({ length: 2 * IP_MAX }, (_, i) =>
      (i % 2 === 0 ? a : b).inject({ url: '/health', remoteAddress: ip }).then((res) => res.statusCode)))
    const accepted = statuses.filter((status) => status === 200).length
    t.equal(accepted, IP_MAX, `${accepted} of ${statuses.length} accepted: exactly the limit, over two instances`)
    t.equal(statuses.filter((status) => status === 429).length, IP_MAX, 'the rest refused with 429')
    t.equal(await probe.get(`acai:rl:${ip}`), String(2 * IP_MAX), 'the counter lives in the cluster')
    await recordReliability({ suite: SUITE, scenario: 'per-IP limit, two instances on a Redis Cluster', requests: statuses.length, faults: 0, failures: accepted === IP_MAX ? 0 : Math.abs(accepted - IP_MAX), lost: 0, duplicates: 0, unexpected5xx: statuses.filter((s) => s >= 500).length, hung: 0, bypasses: Math.max(0, accepted - IP_MAX), notes: `limit ${IP_MAX}/min, ${accepted} accepted` })
  })

  await t.test('the per-key limit holds across both instances', async (t) => {
    const key = await newKey()
    const statuses = await Promise.all(Array.from({ length: 2 * KEY_MAX }, (_, i) =>
      (i % 2 === 0 ? a : b).inject({ url: '/v1/conversations', headers: key.headers, remoteAddress: freshIp() }).then((res) => res.statusCode)))
    const accepted = statuses.filter((status) => status === 200).length
    t.equal(accepted, KEY_MAX, `${accepted} of ${statuses.length} accepted: exactly the limit, over two instances`)
    t.equal(statuses.filter((status) => status === 429).length, KEY_MAX, 'the rest refused with 429')
    await recordReliability({ suite: SUITE, scenario: 'per-key limit, two instances on a Redis Cluster', requests: statuses.length, faults: 0, failures: Math.abs(accepted - KEY_MAX), lost: 0, duplicates: 0, unexpected5xx: statuses.filter((s) => s >= 500).length, hung: 0, bypasses: Math.max(0, accepted - KEY_MAX), notes: `limit ${KEY_MAX}/min, ${accepted} accepted` })
  })

  await t.test('a weather answer cached by one instance serves the other', async (t) => {
    const key = await newKey()
    const ask = (app: FastifyInstance): Promise<number> => app.inject({ method: 'POST', url: '/v1/conversations', headers: key.headers, remoteAddress: freshIp(), payload: { message: 'weather in Oslo tomorrow' } }).then((res) => res.statusCode)
    t.equal(await ask(a), 201)
    const upstreamCalls = upstream.total()
    t.ok(upstreamCalls >= 1, 'the first question went upstream')
    t.equal(await ask(b), 201)
    t.equal(upstream.total(), upstreamCalls, 'the other instance answered from the cluster, with no upstream call')
  })

  await t.test('a chat session started on one instance continues on the other', async (t) => {
    const key = await newKey()
    const send = async (app: FastifyInstance, message: string): Promise<{ started: boolean, conversation: { id: string } }> => {
      const res = await app.inject({ method: 'POST', url: '/v1/sessions/messages', headers: key.headers, remoteAddress: freshIp(), payload: { platform: 'telegram', chatId: 'cluster-chat', message } })
      t.equal(res.statusCode, 201, res.body)
      return res.json()
    }
    const first = await send(a, 'what time is it in Tokyo?')
    const second = await send(b, 'and in Madrid?')
    t.equal(first.started, true)
    t.equal(second.started, false, 'the second instance continued it')
    t.equal(second.conversation.id, first.conversation.id, 'in the same conversation')
    t.equal(await probe.get(`acai:session:telegram:cluster-chat:${key.id}`), first.conversation.id, 'the session hint lives in the cluster')
  })

  await t.test('a master SIGKILLed under a stream of requests: no request fails, /health degraded then healthy', async (t) => {
    // Fresh keys, each used for fewer requests than its limit; fresh client addresses, so the stream
    // measures failures, not limits. Each worker's chat has a key of its own, outside the rotation, and
    // sends at most SESSION_TURNS turns on it: the read-back below is that key's last request.
    const keys = await Promise.all(Array.from({ length: 40 }, newKey))
    const sessionKeys = await Promise.all(Array.from({ length: 4 }, newKey))
    const SESSION_TURNS = KEY_MAX - 1
    let sent = 0
    const statuses = new Map<number, number>()
    const healthSeen: string[] = []
    const sessions = new Map<string, Set<string>>()
    const acknowledged = new Map<number, number>()
    const sessionTurns = new Map<number, number>()
    const run = { stop: false }
    const request = async (app: FastifyInstance, options: InjectOptions): Promise<{ statusCode: number, json: () => unknown }> => {
      const key = keys[Math.floor(sent / (KEY_MAX - 5)) % keys.length]
      sent++
      const res = await app.inject({ ...options, remoteAddress: freshIp(), headers: { ...key?.headers, ...options.headers } })
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
      return res
    }
    const worker = async (n: number): Promise<void> => {
      for (let i = 0; !run.stop; i++) {
        const app = (i + n) % 2 === 0 ? a : b
        switch (i % 4) {
          case 0: {
            const res = await request(app, { url: '/health' })
            healthSeen.push(String((res.json() as { status: string }).status))
            break
          }
          case 1: await request(app, { url: '/v1/conversations?limit=5' }); break
          case 2: await request(app, { method: 'POST', url: '/v1/conversations', payload: { message: 'weather in Oslo tomorrow' } }); break
          default: {
            // Every worker keeps one chat (on a fixed key, so the session is one owner's) across instances.
            if ((sessionTurns.get(n) ?? 0) >= SESSION_TURNS) break
            sessionTurns.set(n, (sessionTurns.get(n) ?? 0) + 1)
            const res = await app.inject({ method: 'POST', url: '/v1/sessions/messages', headers: sessionKeys[n]?.headers, remoteAddress: freshIp(), payload: { platform: 'web', chatId: `worker-${n}`, message: `message ${i}` } })
            sent++
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
            if (res.statusCode === 201) {
              acknowledged.set(n, (acknowledged.get(n) ?? 0) + 1)
              const ids = sessions.get(`worker-${n}`) ?? new Set<string>()
              ids.add((res.json() as { conversation: { id: string } }).conversation.id)
              sessions.set(`worker-${n}`, ids)
            }
          }
        }
      }
    }
    // And a load balancer's health check, every 100 ms on each instance in turn.
    const healthCheck = async (): Promise<void> => {
      for (let i = 0; !run.stop; i++) {
        const res = await request(i % 2 === 0 ? a : b, { url: '/health' })
        healthSeen.push(String((res.json() as { status: string }).status))
        await sleep(100)
      }
    }
    const workers = [...Array.from({ length: 4 }, (_, n) => worker(n)), healthCheck()]
    let failoverMs = -1
    try {
      await sleep(500)
      const victim = (await cluster.masters())[0]
      await cluster.nodes.find((node) => node.port === victim)?.kill()
      const killedAt = Date.now()
      await cluster.waitHealthy(3)
      failoverMs = Date.now() - killedAt
      // Until the instances see the new master (their health probe reads every master's view) and a while after.
      for (let i = 0; i < 100 && (await a.health()).status !== 'healthy'; i++) await sleep(100)
      await sleep(1000)
    } finally {
      run.stop = true
      await Promise.all(workers)
    }

    const count = (predicate: (status: number) => boolean): number => [...statuses].filter(([status]) => predicate(status)).reduce((sum, [, n]) => sum + n, 0)
    const failures = count((status) => status >= 300)
    t.equal(count((status) => status >= 500), 0, 'no 5xx')
    t.equal(failures, 0, `every request succeeded (${JSON.stringify(Object.fromEntries(statuses))})`)
    t.ok(healthSeen.includes('degraded'), `/health reported degraded while the master was down (${healthSeen.filter((s) => s === 'degraded').length} of ${healthSeen.length})`)
    t.equal((await a.health()).status, 'healthy', 'and healthy once the replica had taken over')
    t.equal((await b.health()).status, 'healthy')
    for (const [chat, ids] of sessions) t.equal(ids.size, 1, `${chat} stayed in one conversation across the failover and both instances`)
    // Every acknowledged turn (user message and reply) is stored, once.
    let lost = 0
    let duplicates = 0
    for (const [n, turns] of acknowledged) {
      const id = [...(sessions.get(`worker-${n}`) ?? [])][0]
      const res = await b.inject({ url: `/v1/conversations/${id ?? ''}`, headers: sessionKeys[n]?.headers, remoteAddress: freshIp() })
      t.equal(res.statusCode, 200, `worker-${n}'s conversation reads back (${res.body.slice(0, 200)})`)
      const stored = (res.json() as { messages: Array<{ role: string, content: string }> }).messages.filter((m) => m.role === 'user').map((m) => m.content)
      lost += turns - new Set(stored).size
      duplicates += stored.length - new Set(stored).size
    }
    t.equal(lost, 0, 'no acknowledged session message lost')
    t.equal(duplicates, 0, 'none stored twice')
    await recordReliability({ suite: SUITE, scenario: 'Redis Cluster master SIGKILLed under mixed requests on two instances', requests: sent, faults: 1, failures, lost, duplicates, unexpected5xx: count((status) => status >= 500), hung: 0, bypasses: 0, notes: `replica took over in ${failoverMs} ms; /health degraded in ${healthSeen.filter((s) => s === 'degraded').length} of ${healthSeen.length} probes` })
  })
})

test('REDIS_URL with REDIS_CLUSTER_NODES: the server refuses to start and says why', async (t) => {
  const server = await startProcess(t, ['server.ts'], { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' })
  const { code } = await server.exited
  t.equal(code, 1, 'exit 1')
  t.match(server.logs(), 'acai: failed to start: REDIS_URL and REDIS_CLUSTER_NODES are both set')
})
