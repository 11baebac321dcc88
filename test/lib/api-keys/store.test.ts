import { test } from 'tap'
import { hashApiKey, hashesEqual } from '../../../lib/api-keys/key-material.js'
import { createApiKeyStore } from '../../../lib/api-keys/store.js'
import { createMigrator } from '../../../lib/migrations/runner.js'
import { migrations } from '../../../lib/migrations/index.js'
import { embeddedDb } from '../embedded-db.js'

function clock (start = Date.parse('2025-01-01T00:00:00Z')) {
  let now = start
  return { now: () => new Date(now), advance: (ms: number) => { now += ms } }
}

test('api key store', async (t) => {
  const { db } = await embeddedDb(t)
  await createMigrator({ db, migrations }).up()

  t.test('a created key verifies to its principal', async (t) => {
    const store = createApiKeyStore({ db })
    const { id, key } = await store.create({ name: 'grafana', scopes: ['metrics'] })
    t.match(id, /^[0-9a-f]{24}$/)
    t.match(key, /^acai_[A-Za-z0-9_-]{43}$/)
    t.same(await store.verify(key), { keyId: id, name: 'grafana', scopes: ['metrics'] })
    t.equal(await store.verify(key + 'x'), null, 'a different key is refused')
    t.same(await store.check('acai_nope'), { ok: false, reason: 'unknown' })
  })

  t.test('only the sha256 hash reaches the database', async (t) => {
    const store = createApiKeyStore({ db })
    const { id, key } = await store.create({ name: 'hash-only', scopes: ['chat'] })
    const docs = await db.collection('api_keys').find({}).toArray()
    const raw = JSON.stringify(docs)
    t.notMatch(raw, key, 'the key appears in no document')
    t.notMatch(raw, key.slice(5), 'nor its random part')
    const doc = docs.find((d) => d._id.toHexString() === id)
    t.equal(doc?.hash, hashApiKey(key))
  })

  t.test('verification compares the stored and presented digests with the constant-time comparison', async (t) => {
    const compared: Array<[string, string]> = []
    const store = createApiKeyStore({
      db,
      cacheTtlMs: 0,
      equal: (a, b) => { compared.push([a, b]); return hashesEqual(a, b) }
    })
    const { key } = await store.create({ name: 'timing', scopes: ['chat'] })
    t.ok(await store.verify(key))
    t.same(compared, [[hashApiKey(key), hashApiKey(key)]])
    t.equal(await createApiKeyStore({ db, cacheTtlMs: 0, equal: () => false }).verify(key), null, 'its verdict decides')
  })

  t.test('list shows names, scopes and status, never hashes', async (t) => {
    const store = createApiKeyStore({ db })
    const { id } = await store.create({ name: 'listed', scopes: ['chat', 'admin'] })
    const keys = await store.list()
    const listed = keys.find((k) => k.id === id)
    t.match(listed, { id, name: 'listed', scopes: ['chat', 'admin'], revokedAt: null })
    t.ok(listed?.createdAt instanceof Date)
    t.notOk(keys.some((k) => 'hash' in k), 'no hash field in the listing')
  })

  t.test('revoking refuses the key at once in this process', async (t) => {
    const store = createApiKeyStore({ db, cacheTtlMs: 60_000 })
    const { id, key } = await store.create({ name: 'to-revoke', scopes: ['chat'] })
    t.ok(await store.verify(key), 'verified and cached')
    t.equal(await store.revoke(id), true)
    t.same(await store.check(key), { ok: false, reason: 'revoked' })
    t.equal(await store.revoke(id), false, 'revoking twice reports nothing revoked')
    t.equal(await store.revoke('0123456789abcdef01234567'), false, 'unknown id')
    t.equal(await store.revoke('not-an-id'), false, 'malformed id')
    t.ok((await store.list()).find((k) => k.id === id)?.revokedAt instanceof Date)
  })

  t.test('another process revoking is honoured once the cache entry expires', async (t) => {
    const time = clock()
    const server = createApiKeyStore({ db, now: time.now, cacheTtlMs: 5000 })
    const cli = createApiKeyStore({ db, cacheTtlMs: 0 })
    const { id, key } = await cli.create({ name: 'cross-process', scopes: ['chat'] })
    t.ok(await server.verify(key))
    await cli.revoke(id)
    t.ok(await server.verify(key), 'still trusted from the cache within the TTL')
    time.advance(5000)
    t.equal(await server.verify(key), null, 'refused once the TTL has passed')
    t.equal(await server.verify(key), null, 'and stays refused')
  })

  t.test('create validates the name and scopes', async (t) => {
    const store = createApiKeyStore({ db })
    await t.rejects(store.create({ name: ' ', scopes: ['chat'] }), /name must be 1 to 100 characters/)
    await t.rejects(store.create({ name: 'x', scopes: [] }), /at least one scope/)
  })

  t.test('bootstrap stores the configured key once, with every scope', async (t) => {
    const store = createApiKeyStore({ db })
    const key = 'bootstrap-key-0123456789'
    const first = await store.bootstrap(key)
    t.match(first, { created: true, revoked: false })
    const second = await store.bootstrap(key)
    t.same(second, { id: first.id, created: false, revoked: false })
    t.same(await store.verify(key), { keyId: first.id, name: 'bootstrap', scopes: ['chat', 'metrics', 'admin'] })
    t.equal(await db.collection('api_keys').countDocuments({ hash: hashApiKey(key) }), 1)
  })

  t.test('bootstrap restores missing scopes but never un-revokes', async (t) => {
    const store = createApiKeyStore({ db, cacheTtlMs: 0 })
    const key = 'bootstrap-key-scopes-0123'
    const { id } = await store.bootstrap(key)
    await db.collection('api_keys').updateOne({ hash: hashApiKey(key) }, { $set: { scopes: ['chat'] } })
    await store.bootstrap(key)
    t.same((await store.verify(key))?.scopes, ['chat', 'metrics', 'admin'])
    await store.revoke(id)
    t.same(await store.bootstrap(key), { id, created: false, revoked: true })
    t.equal(await store.verify(key), null)
  })

  t.test('instances bootstrapping together store one key', async (t) => {
    const key = 'bootstrap-key-concurrent-01'
    const results = await Promise.all([1, 2, 3].map(() => createApiKeyStore({ db }).bootstrap(key)))
    t.equal(new Set(results.map((r) => r.id)).size, 1)
    t.equal(results.filter((r) => r.created).length, 1)
    t.equal(await db.collection('api_keys').countDocuments({ hash: hashApiKey(key) }), 1)
  })

  t.test('countActive counts keys that are not revoked', async (t) => {
    const store = createApiKeyStore({ db })
    const before = await store.countActive()
    const { id } = await store.create({ name: 'counted', scopes: ['chat'] })
    t.equal(await store.countActive(), before + 1)
    await store.revoke(id)
    t.equal(await store.countActive(), before)
  })
})
