import { test } from 'tap'
import { createIdempotencyStore } from '../../../lib/conversations/index.js'
import { createBackgroundRetry, createIdempotencyRunner, requestHash } from '../../../lib/chat/index.js'
import { ConflictError, UnprocessableError } from '../../../lib/errors/catalogue.js'
import { initialIndexes } from '../../../lib/migrations/001-initial-indexes.js'
import type { IdempotencyStore } from '../../../lib/conversations/index.js'
import { embeddedDb } from '../embedded-db.js'

test('requestHash ignores key order and sees every value', async (t) => {
  t.equal(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } }), requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }))
  t.not(requestHash({ a: 1 }), requestHash({ a: 2 }))
  t.not(requestHash({ body: { message: 'a' } }), requestHash({ body: { message: 'a' }, route: '/x' }))
  t.match(requestHash(undefined), /^[0-9a-f]{64}$/)
})

test('the idempotency runner', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  let at = Date.parse('2026-03-01T10:00:00Z')
  const now = (): Date => new Date(at)
  const store = createIdempotencyStore({ db, now, lockMs: 10_000 })
  const background = createBackgroundRetry()
  t.teardown(() => background.close())
  const runner = createIdempotencyRunner({ store, background, waitMs: 300, pollMs: 10 })
  const request = (key: string, hash = 'h1') => ({ ownerId: 'owner', key, requestHash: hash })

  await t.test('runs once and replays the stored outcome', async (t) => {
    let runs = 0
    const execute = async () => ({ status: 201, body: { n: ++runs } })
    const first = await runner.run(request('k1'), execute)
    const second = await runner.run(request('k1'), execute)
    t.same(first, { status: 201, body: { n: 1 }, replayed: false })
    t.same(second, { status: 201, body: { n: 1 }, replayed: true })
    t.equal(runs, 1)
  })

  await t.test('another request with the same key is 422', async (t) => {
    await runner.run(request('k2'), async () => ({ status: 200, body: {} }))
    await t.rejects(runner.run(request('k2', 'h2'), async () => ({ status: 200, body: {} })), UnprocessableError)
  })

  await t.test('a duplicate waits for the first, then gets its outcome', async (t) => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => { release = resolve })
    let runs = 0
    const slow = async () => { runs++; await gate; return { status: 201, body: { ok: true } } }
    const first = runner.run(request('k3'), slow)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const second = runner.run(request('k3'), slow)
    setTimeout(release, 50)
    const [a, b] = await Promise.all([first, second])
    t.equal(runs, 1)
    t.same(b, { ...a, replayed: true })
  })

  await t.test('a duplicate still in progress after the wait bound is 409', async (t) => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => { release = resolve })
    const first = runner.run(request('k4'), async () => { await gate; return { status: 201, body: {} } })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await t.rejects(runner.run(request('k4'), async () => ({ status: 201, body: {} })), ConflictError)
    release()
    await first
  })

  await t.test('after a failure the next attempt runs with the saved progress', async (t) => {
    await t.rejects(runner.run(request('k5'), async (ctx) => {
      await ctx.checkpoint({ step: 1 })
      throw new Error('boom')
    }), /boom/)
    const seen: unknown[] = []
    const outcome = await runner.run(request('k5'), async (ctx) => {
      seen.push(ctx.progress)
      return { status: 201, body: { resumed: true } }
    })
    t.same(seen, [{ step: 1 }])
    t.equal(outcome.replayed, false)
  })

  await t.test('a pending record whose owner died is taken over after its lock', async (t) => {
    t.same(await store.claim('owner:k6', 'h1'), { kind: 'claimed' })
    t.same(await store.claim('owner:k6', 'h1'), { kind: 'busy' })
    at += 11_000
    t.same(await store.claim('owner:k6', 'h1'), { kind: 'claimed' })
  })

  await t.test('a record past its 24 h retention no longer counts', async (t) => {
    await runner.run(request('k7'), async () => ({ status: 201, body: { first: true } }))
    at += 24 * 60 * 60 * 1000 + 1
    const again = await runner.run(request('k7', 'other-body'), async () => ({ status: 201, body: { second: true } }))
    t.same(again, { status: 201, body: { second: true }, replayed: false })
  })
})

// The record writes after an attempt fail as they would while MongoDB is away: the first `times` calls.
function failingFirst (store: IdempotencyStore, method: 'complete' | 'fail', times: number): { store: IdempotencyStore, failures: () => number } {
  let failures = 0
  const outage = async (called: string): Promise<void> => {
    if (called !== method || failures >= times) return
    failures++
    throw new Error('connection 4 to 127.0.0.1:27017 closed')
  }
  const wrapped: IdempotencyStore = {
    ...store,
    complete: async (id, status, response) => { await outage('complete'); await store.complete(id, status, response) },
    fail: async (id) => { await outage('fail'); await store.fail(id) }
  }
  return { store: wrapped, failures: () => failures }
}

test('a record write that fails after the attempt is logged, counted and finished in the background', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  const now = (): Date => new Date()
  const reports: Array<{ operation: string, gaveUp: boolean }> = []
  const background = createBackgroundRetry({ initialDelayMs: 20, maxDelayMs: 50, onFailure: (operation, _err, { gaveUp }) => reports.push({ operation, gaveUp }) })
  t.teardown(() => background.close())
  // The production lock: without the background write every retry would wait it out (150 s) and get 409.
  const real = createIdempotencyStore({ db, now })
  const request = (key: string) => ({ ownerId: 'owner', key, requestHash: 'h' })

  await t.test('a failed complete still answers, and the retry replays instead of getting 409', async (t) => {
    const { store, failures } = failingFirst(real, 'complete', 3)
    const runner = createIdempotencyRunner({ store, background, waitMs: 5000, pollMs: 10 })
    let runs = 0
    const first = await runner.run(request('c1'), async () => ({ status: 201, body: { n: ++runs } }))
    t.same(first, { status: 201, body: { n: 1 }, replayed: false }, 'the delivered reply is not turned into an error')
    const retry = await runner.run(request('c1'), async () => ({ status: 201, body: { n: ++runs } }))
    t.same(retry, { status: 201, body: { n: 1 }, replayed: true }, 'the retry gets the first response')
    t.equal(runs, 1)
    t.equal(failures(), 3)
    t.same(reports.splice(0), [{ operation: 'idempotency.complete', gaveUp: false }], 'reported once; the background retry finished it')
  })

  await t.test('a failed release after a failed attempt: the retry runs again, resuming, instead of getting 409', async (t) => {
    const { store } = failingFirst(real, 'fail', 2)
    const runner = createIdempotencyRunner({ store, background, waitMs: 5000, pollMs: 10 })
    await t.rejects(runner.run(request('f1'), async (ctx) => {
      await ctx.checkpoint({ stored: true })
      throw new Error('the model is down')
    }), /the model is down/)
    const seen: unknown[] = []
    const retry = await runner.run(request('f1'), async (ctx) => {
      seen.push(ctx.progress)
      return { status: 201, body: { answered: true } }
    })
    t.same(retry, { status: 201, body: { answered: true }, replayed: false })
    t.same(seen, [{ stored: true }], 'the retry resumed from the saved progress')
    t.same(reports.splice(0), [{ operation: 'idempotency.fail', gaveUp: false }])
  })

  await t.test('a write that never lands is reported as given up', async (t) => {
    const quick = createBackgroundRetry({ maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 5, onFailure: (operation, _err, { gaveUp }) => reports.push({ operation, gaveUp }) })
    t.teardown(() => quick.close())
    const { store } = failingFirst(real, 'complete', 100)
    const runner = createIdempotencyRunner({ store, background: quick, waitMs: 0, pollMs: 10 })
    await runner.run(request('g1'), async () => ({ status: 201, body: {} }))
    for (let i = 0; i < 100 && reports.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    t.same(reports.splice(0), [{ operation: 'idempotency.complete', gaveUp: false }, { operation: 'idempotency.complete', gaveUp: true }])
  })
})
