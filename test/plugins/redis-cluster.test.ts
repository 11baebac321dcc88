// The kv layer over a real local Redis Cluster (three masters, one replica each, started by the test):
// operations land on every master, /health's probe reports the cluster's state, and a master killed
// mid-run fails no call (they degrade to memory until its replica takes over).
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import { buildPlugins } from '../helper.js'
import redis from '../../plugins/app/redis.js'
import { missingRedis, redisCli, startRedisCluster } from '../support/redis-cluster.js'

function logLines (): { stream: Writable, messages: () => string[] } {
  const lines: string[] = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(String((JSON.parse(line) as { msg?: unknown }).msg))
      callback()
    }
  })
  return { stream, messages: () => lines }
}

test('REDIS_URL and REDIS_CLUSTER_NODES together stop start-up with a message naming both', async (t) => {
  await t.rejects(buildPlugins(t, [redis], { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' }),
    { message: /REDIS_URL and REDIS_CLUSTER_NODES are both set/ })
  await t.rejects(buildPlugins(t, [redis], { REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis://x:1' }),
    { message: "REDIS_CLUSTER_NODES: 'redis://x:1' is not host:port" })
})

test('a cluster unreachable at start-up: the app starts degraded, the kv layer answers from memory', async (t) => {
  const logs = logLines()
  const app = await buildPlugins(t, [redis], { REDIS_CLUSTER_NODES: '127.0.0.1:1', REDIS_STARTUP_WAIT_MS: '0', LOG_LEVEL: 'info' }, { logStream: logs.stream })
  t.equal(app.kv.mode, 'redis')
  await app.kv.set('k', 'v', 10_000)
  t.equal(await app.kv.get('k'), 'v', 'served by the in-process fallback')
  // The window's remaining time is read a moment after it opened: up to a few milliseconds under 10 s.
  const counted = await app.kv.incr('n', 10_000)
  t.equal(counted.count, 1)
  t.ok(counted.ttlMs > 9_000 && counted.ttlMs <= 10_000, `the window's remaining time (${counted.ttlMs} ms) is the 10 s just opened`)
  t.equal(await app.kv.health(), 'unavailable')
  t.ok(logs.messages().includes('Redis is unreachable at start-up: continuing degraded and reconnecting in the background'))
  const started = Date.now()
  await app.close()
  t.ok(Date.now() - started < 2000, 'closing does not wait for the cluster')
})

test('a three-master cluster: keys spread over every master, a killed master fails no call and fails over', { skip: missingRedis() }, async (t) => {
  const cluster = await startRedisCluster(t)
  const logs = logLines()
  const app = await buildPlugins(t, [redis], { REDIS_CLUSTER_NODES: cluster.spec, LOG_LEVEL: 'info' }, { logStream: logs.stream })
  const { kv } = app
  t.equal(await kv.health(), 'ok')

  for (let i = 0; i < 30; i++) await kv.set(`item:${i}`, `value ${i}`, 60_000)
  for (let i = 0; i < 30; i++) t.equal((await kv.incr(`counter:${i}`, 60_000)).count, 1)
  t.equal(await kv.get('item:7'), 'value 7')
  await kv.del('item:7')
  t.equal(await kv.get('item:7'), undefined)
  const masters = await cluster.masters()
  const sizes = await Promise.all(masters.map(async (port) => Number(await redisCli(port, 'dbsize'))))
  t.ok(sizes.every((size) => size > 0), `every master holds keys (${sizes.join(', ')})`)
  t.equal(sizes.reduce((a, b) => a + b, 0), 59, 'each key stored once')

  const victim = masters[0]
  await cluster.nodes.find((node) => node.port === victim)?.kill()
  // /health's probe, polled on its own while calls go on, from the kill until a replica has taken over.
  const states: string[] = []
  const progress = { failedOver: false }
  const deadline = Date.now() + 30_000
  const poller = (async () => {
    while (!progress.failedOver && Date.now() < deadline) {
      states.push(await kv.health())
      await sleep(100)
    }
  })()
  let calls = 0
  while (Date.now() < deadline && !progress.failedOver) {
    // Every call resolves: a key on the dead master degrades to memory instead of throwing.
    await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      await kv.incr(`counter:${i}`, 60_000)
      await kv.get(`item:${i}`)
      calls += 2
    }))
    const now = await cluster.masters()
    progress.failedOver = now.length === 3 && !now.includes(victim ?? 0)
    await sleep(100)
  }
  await poller
  t.ok(states.includes('unavailable'), `/health saw the cluster degraded while the master was down (${states.filter((s) => s === 'unavailable').length} of ${states.length} probes)`)
  t.ok(progress.failedOver, 'a replica took over the dead master\'s slots')
  await cluster.waitHealthy(3)
  for (let i = 0; i < 50 && await kv.health() !== 'ok'; i++) await sleep(200)
  t.equal(await kv.health(), 'ok', 'and ok again once it had')
  t.ok(calls > 0, `${calls} calls during the failover, none rejected`)
  t.equal(await kv.get('item:12'), 'value 12', 'values written before the failover are still read after it')
  t.ok((await kv.incr('counter:12', 60_000)).count >= 2, 'counters go on counting')
  const outages = logs.messages().filter((msg) => msg === 'Redis unavailable: degrading to the in-process store').length
  t.equal(outages, 1, 'the outage is logged once, not once per call to the dead master')
  // Recovery is logged once calls have succeeded for settleMs (2 s) with no failure in between.
  await sleep(2100)
  await kv.get('item:1')
  t.equal(logs.messages().filter((msg) => msg === 'Redis available again').length, 1, 'and the recovery once')
})
