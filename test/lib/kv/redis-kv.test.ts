import { randomUUID } from 'node:crypto'
import { test } from 'tap'
import { Redis } from 'ioredis'
import { createMemoryKv } from '../../../lib/kv/memory-kv.js'
import { createRedisKv } from '../../../lib/kv/redis-kv.js'
import { createRedisClient } from '../../../plugins/app/redis.js'

const REDIS_URL = 'redis://127.0.0.1:6379/0'

interface Teardown { teardown (fn: () => unknown): void }

async function connected (t: Teardown): Promise<Redis> {
  const client = createRedisClient(REDIS_URL)
  t.teardown(() => client.disconnect())
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve)
    client.once('error', reject)
  })
  return client
}

// Distinct prefix per test, so parallel test files never see each other's keys.
function uniquePrefix (t: Teardown, client: Redis): string {
  const prefix = `test:kv:${randomUUID()}:`
  t.teardown(async () => {
    const keys = await client.keys(`${prefix}*`)
    if (keys.length > 0) await client.del(...keys)
  })
  return prefix
}

test('stores, reads and deletes values in Redis under the prefix, with their TTL', async (t) => {
  const client = await connected(t)
  const prefix = uniquePrefix(t, client)
  const kv = createRedisKv({ client, fallback: createMemoryKv(), prefix })
  t.equal(kv.mode, 'redis')
  await kv.set('a', 'one', 5000)
  t.equal(await kv.get('a'), 'one')
  t.equal(await client.get(`${prefix}a`), 'one', 'the key lives in Redis')
  const ttl = await client.pttl(`${prefix}a`)
  t.ok(ttl > 0 && ttl <= 5000, `TTL ${ttl} set in Redis`)
  await kv.del('a')
  t.equal(await kv.get('a'), undefined)
  t.equal(await kv.health(), 'ok')
})

test('incr counts in one window that the first increment starts', async (t) => {
  const client = await connected(t)
  const prefix = uniquePrefix(t, client)
  const kv = createRedisKv({ client, fallback: createMemoryKv(), prefix })
  const first = await kv.incr('hits', 10_000)
  const second = await kv.incr('hits', 10_000)
  t.equal(first.count, 1)
  t.equal(second.count, 2)
  t.ok(second.ttlMs > 0 && second.ttlMs <= 10_000)
})

test('two stores on one Redis share counters (the limit holds across instances)', async (t) => {
  const a = await connected(t)
  const b = await connected(t)
  const prefix = uniquePrefix(t, a)
  const kvA = createRedisKv({ client: a, fallback: createMemoryKv(), prefix })
  const kvB = createRedisKv({ client: b, fallback: createMemoryKv(), prefix })
  await kvA.incr('shared', 10_000)
  t.equal((await kvB.incr('shared', 10_000)).count, 2)
})

test('with Redis unreachable every call degrades to the fallback, and the outage is reported once', async (t) => {
  // A port nothing listens on: commands fail at once (no offline queue).
  const client = createRedisClient('redis://127.0.0.1:1')
  client.on('error', () => {})
  t.teardown(() => client.disconnect())
  const outages: string[] = []
  const kv = createRedisKv({ client, fallback: createMemoryKv(), onOutage: (err) => outages.push(err.message) })
  await kv.set('a', 'one', 5000)
  t.equal(await kv.get('a'), 'one', 'served by the in-process fallback')
  t.equal((await kv.incr('n', 1000)).count, 1)
  t.equal((await kv.incr('n', 1000)).count, 2)
  await kv.del('a')
  t.equal(await kv.get('a'), undefined)
  t.equal(outages.length, 1, 'one report for the whole outage')
  t.equal(await kv.health(), 'unavailable')
})

test('recovery is reported once calls have succeeded for settleMs with no failure in between', async (t) => {
  const client = await connected(t)
  const prefix = uniquePrefix(t, client)
  // Fails the `get`s it is told to, as calls to one dead master of a cluster do between calls that succeed.
  let failing = 0
  const flaky = new Proxy(client, {
    get (target, prop, receiver) {
      if (prop === 'get' && failing > 0) {
        failing--
        return async () => { throw new Error('Connection is closed.') }
      }
      const value: unknown = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
  const events: string[] = []
  let clock = 0
  const kv = createRedisKv({
    client: flaky,
    fallback: createMemoryKv(),
    prefix,
    settleMs: 1000,
    now: () => clock,
    onOutage: () => events.push('outage'),
    onRecovery: () => events.push('recovery')
  })
  failing = 1
  t.equal(await kv.get('x'), undefined, 'the failed call still answers')
  await kv.set('x', '1', 5000)
  clock = 600
  failing = 1
  await kv.get('x')
  clock = 1200
  await kv.set('x', '2', 5000)
  t.same(events, ['outage'], 'a failure 600 ms ago: not recovered yet, and the second failure is not a second outage')
  clock = 1600
  t.equal(await kv.get('x'), '2')
  t.same(events, ['outage', 'recovery'], 'recovered once calls succeeded for settleMs')
  await kv.get('x')
  t.same(events, ['outage', 'recovery'], 'reported once')
})

test('close leaves the Redis client to its owner and empties the fallback', async (t) => {
  const client = await connected(t)
  const fallback = createMemoryKv()
  await fallback.set('a', '1', 5000)
  const kv = createRedisKv({ client, fallback })
  await kv.close()
  t.equal(client.status, 'ready')
  t.equal(await fallback.get('a'), undefined)
})
