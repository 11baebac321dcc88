import { test } from 'tap'
import { createIdempotencyStore } from '../../../lib/conversations/index.js'
import { createIdempotencyRunner, requestHash } from '../../../lib/chat/index.js'
import { ConflictError, UnprocessableError } from '../../../lib/errors.js'
import { initialIndexes } from '../../../lib/migrations/001-initial-indexes.js'
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
  const runner = createIdempotencyRunner({ store, waitMs: 300, pollMs: 10 })
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
