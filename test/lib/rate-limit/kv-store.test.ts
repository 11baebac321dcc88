import { test } from 'tap'
import { createMemoryKv } from '../../../lib/kv/memory-kv.js'
import type { KeyValueStore } from '../../../lib/kv/types.js'
import { kvRateLimitStore, kvRateLimitStoreClass, type RateLimitStore } from '../../../lib/rate-limit/kv-store.js'

function incr (store: RateLimitStore, key: string, timeWindow = 1000): Promise<{ current: number, ttl: number }> {
  return new Promise((resolve, reject) => {
    store.incr(key, (err, result) => {
      if (err !== null || result === undefined) reject(err ?? new Error('no result'))
      else resolve(result)
    }, timeWindow, 10)
  })
}

function failingKv (): KeyValueStore {
  const fail = async (): Promise<never> => { throw new Error('connection refused') }
  return { mode: 'redis', get: fail, set: fail, del: fail, incr: fail, health: async () => 'unavailable', close: async () => {} }
}

test('counts hits per key in the shared store within the window', async (t) => {
  const shared = createMemoryKv()
  const store = kvRateLimitStore({ shared: () => shared, local: createMemoryKv() })
  t.match(await incr(store, '10.0.0.1'), { current: 1 })
  t.match(await incr(store, '10.0.0.1'), { current: 2 })
  t.match(await incr(store, '10.0.0.2'), { current: 1 })
  const { ttl } = await incr(store, '10.0.0.1', 1000)
  t.ok(ttl > 0 && ttl <= 1000, 'reports the time left in the window')
  t.equal(await shared.get('rl:10.0.0.1'), '3', 'the counter lives in the shared store')
})

test('a failing shared store falls back to the local one per call and keeps limiting', async (t) => {
  const local = createMemoryKv()
  const failures: string[] = []
  const store = kvRateLimitStore({ shared: failingKv, local, onFallback: (err) => failures.push(err.message) })
  t.match(await incr(store, 'ip'), { current: 1 })
  t.match(await incr(store, 'ip'), { current: 2 })
  t.same(failures, ['connection refused', 'connection refused'])
})

test('an absent shared store means the local one counts', async (t) => {
  const local = createMemoryKv()
  const store = kvRateLimitStore({ shared: () => undefined, local })
  await incr(store, 'ip')
  t.equal(await local.get('rl:ip'), '1')
})

test('per-route children count apart from the global counter', async (t) => {
  const shared = createMemoryKv()
  const store = kvRateLimitStore({ shared: () => shared, local: createMemoryKv() })
  const route = store.child({ routeInfo: { method: 'GET', url: '/x' } })
  const custom = store.child({ routeInfo: {} })
  await incr(store, 'ip')
  t.match(await incr(route, 'ip'), { current: 1 })
  t.match(await incr(custom, 'key:1'), { current: 1 })
  t.equal(await shared.get('rl:GET/x:ip'), '1')
})

test('the class form is what @fastify/rate-limit constructs', async (t) => {
  const shared = createMemoryKv()
  const Store = kvRateLimitStoreClass({ shared: () => shared, local: createMemoryKv() })
  const store = new Store()
  t.match(await incr(store, 'ip'), { current: 1 })
  t.match(await incr(store.child({}), 'ip'), { current: 2 })
})
