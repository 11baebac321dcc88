import { test } from 'tap'
import { createMemoryKv } from '../../../lib/kv/memory-kv.js'

function fakeClock (start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

test('a value is readable until its TTL passes, then gone', async (t) => {
  const clock = fakeClock()
  const kv = createMemoryKv({ now: clock.now })
  await kv.set('a', 'one', 1000)
  clock.advance(999)
  t.equal(await kv.get('a'), 'one')
  clock.advance(1)
  t.equal(await kv.get('a'), undefined)
})

test('set replaces the value and restarts its TTL', async (t) => {
  const clock = fakeClock()
  const kv = createMemoryKv({ now: clock.now })
  await kv.set('a', 'one', 1000)
  clock.advance(800)
  await kv.set('a', 'two', 1000)
  clock.advance(800)
  t.equal(await kv.get('a'), 'two')
})

test('del removes a key', async (t) => {
  const kv = createMemoryKv()
  await kv.set('a', 'one', 60_000)
  await kv.del('a')
  t.equal(await kv.get('a'), undefined)
})

test('past maxEntries the least recently used key is evicted, and a read counts as a use', async (t) => {
  const kv = createMemoryKv({ maxEntries: 3 })
  await kv.set('a', '1', 60_000)
  await kv.set('b', '2', 60_000)
  await kv.set('c', '3', 60_000)
  t.equal(await kv.get('a'), '1', 'reading a makes b the oldest')
  await kv.set('d', '4', 60_000)
  t.equal(await kv.get('b'), undefined)
  t.equal(await kv.get('a'), '1')
  t.equal(await kv.get('c'), '3')
  t.equal(await kv.get('d'), '4')
})

test('incr counts within one window whose expiry is set by the first increment', async (t) => {
  const clock = fakeClock()
  const kv = createMemoryKv({ now: clock.now })
  t.same(await kv.incr('hits', 1000), { count: 1, ttlMs: 1000 })
  clock.advance(400)
  t.same(await kv.incr('hits', 1000), { count: 2, ttlMs: 600 }, 'a later increment does not extend the window')
  clock.advance(600)
  t.same(await kv.incr('hits', 1000), { count: 1, ttlMs: 1000 }, 'a new window starts after expiry')
})

test('counters are independent per key', async (t) => {
  const kv = createMemoryKv()
  await kv.incr('x', 1000)
  await kv.incr('x', 1000)
  t.equal((await kv.incr('y', 1000)).count, 1)
  t.equal((await kv.incr('x', 1000)).count, 3)
})

test('reports itself as the embedded store and empties on close', async (t) => {
  const kv = createMemoryKv()
  t.equal(kv.mode, 'embedded')
  t.equal(await kv.health(), 'embedded')
  await kv.set('a', '1', 60_000)
  await kv.close()
  t.equal(await kv.get('a'), undefined)
})
