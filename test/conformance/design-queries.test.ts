import t from 'tap'
import { MongoServerError, ObjectId, type Document, type MongoClient } from 'mongodb'
import { connect, type Doc } from './harness.js'

// The query shapes of DESIGN.md section 4, run exactly as the data layer runs them.
const { coll, dbName, newClient } = await connect(t, 'design')

t.test('the DESIGN.md indexes are accepted and listed as specified', async t => {
  await coll('conversations').createIndex({ ownerId: 1, updatedAt: -1, _id: -1 })
  await coll('messages').createIndex({ conversationId: 1, seq: 1 }, { unique: true })
  await coll('sessions').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
  await coll('idempotency').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
  await coll('api_keys').createIndex({ hash: 1 }, { unique: true })
  await coll('prompts').createIndex({ platform: 1, version: 1 }, { unique: true })
  const spec = async (name: string, index: string): Promise<Document | undefined> =>
    (await coll(name).listIndexes().toArray()).find(i => i.name === index)
  t.match(await spec('conversations', 'ownerId_1_updatedAt_-1__id_-1'), { key: { ownerId: 1, updatedAt: -1, _id: -1 } })
  t.match(await spec('messages', 'conversationId_1_seq_1'), { key: { conversationId: 1, seq: 1 }, unique: true })
  t.match(await spec('sessions', 'expiresAt_1'), { expireAfterSeconds: 0 })
  t.match(await spec('idempotency', 'expiresAt_1'), { expireAfterSeconds: 0 })
  t.match(await spec('api_keys', 'hash_1'), { unique: true })
  t.match(await spec('prompts', 'platform_1_version_1'), { key: { platform: 1, version: 1 }, unique: true })
})

t.test('keyset pagination on { updatedAt: -1, _id: -1 } returns every conversation once, ties included', async t => {
  const convs = coll('pages')
  await convs.createIndex({ ownerId: 1, updatedAt: -1, _id: -1 })
  const base = Date.UTC(2025, 0, 1)
  const docs = Array.from({ length: 61 }, (_, i) => ({
    _id: new ObjectId(),
    ownerId: i % 5 === 4 ? 'other' : 'owner',
    title: `c${i}`,
    // Eight distinct timestamps for 61 documents: most pages cut through a run of equal updatedAt.
    updatedAt: new Date(base + (i * 7 % 8) * 1000),
    messageCount: 0
  }))
  await convs.insertMany([...docs].reverse())
  const mine = docs.filter(d => d.ownerId === 'owner')
  const expected = [...mine]
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b._id.toHexString().localeCompare(a._id.toHexString()))
    .map(d => d._id.toHexString())

  const pageSize = 7
  const seen: string[] = []
  const pageSizes: number[] = []
  let after: { updatedAt: Date, _id: ObjectId } | undefined
  for (let guard = 0; guard < 20; guard++) {
    const filter: Document = after === undefined
      ? { ownerId: 'owner' }
      : { ownerId: 'owner', $or: [{ updatedAt: { $lt: after.updatedAt } }, { updatedAt: after.updatedAt, _id: { $lt: after._id } }] }
    const page = await convs.find(filter).sort({ updatedAt: -1, _id: -1 }).limit(pageSize).toArray()
    pageSizes.push(page.length)
    seen.push(...page.map(d => String(d._id)))
    if (page.length < pageSize) break
    const last = page[page.length - 1]
    if (!(last.updatedAt instanceof Date) || !(last._id instanceof ObjectId)) break
    after = { updatedAt: last.updatedAt, _id: last._id }
  }
  t.equal(seen.length, mine.length, 'as many rows as conversations')
  t.equal(new Set(seen).size, seen.length, 'no conversation twice')
  t.same(seen, expected, 'in (updatedAt desc, _id desc) order')
  t.ok(pageSizes.slice(0, -1).every(n => n === pageSize), 'full pages until the last')
  const oneQuery = await convs.find({ ownerId: 'owner' }).sort({ updatedAt: -1, _id: -1 }).toArray()
  t.same(oneQuery.map(d => String(d._id)), expected, 'a single query agrees')
})

async function appendMessage (client: MongoClient, conversationId: ObjectId, content: string): Promise<number> {
  const db = client.db(dbName)
  const conv = await db.collection<Doc>('seq_conversations').findOneAndUpdate(
    { _id: conversationId },
    { $inc: { messageCount: 1 }, $set: { updatedAt: new Date() } },
    { returnDocument: 'after' }
  )
  if (conv === null || typeof conv.messageCount !== 'number') throw new Error('conversation missing')
  await db.collection<Doc>('seq_messages').insertOne({
    conversationId, ownerId: 'owner', seq: conv.messageCount, role: 'user', content, createdAt: new Date()
  })
  return conv.messageCount
}

t.test('an atomic $inc sequence gives gap-free message numbers under 50 concurrent writers on 5 clients', async t => {
  const clients = await Promise.all(Array.from({ length: 5 }, async () => await newClient({ maxPoolSize: 10 })))
  await coll('seq_messages').createIndex({ conversationId: 1, seq: 1 }, { unique: true })
  const first = new ObjectId()
  const second = new ObjectId()
  await coll('seq_conversations').insertMany([
    { _id: first, ownerId: 'owner', messageCount: 0, updatedAt: new Date() },
    { _id: second, ownerId: 'owner', messageCount: 0, updatedAt: new Date() }
  ])

  const results = await Promise.allSettled(Array.from({ length: 50 }, async (_, i) =>
    await appendMessage(clients[i % clients.length], i % 2 === 0 ? first : second, `m${i}`)))
  const failures = results.filter(r => r.status === 'rejected')
  t.equal(failures.length, 0, 'no append failed (no duplicate key errors)')

  for (const conversationId of [first, second]) {
    const seqs = (await coll('seq_messages').find({ conversationId }).sort({ seq: 1 }).toArray()).map(m => m.seq)
    t.same(seqs, Array.from({ length: 25 }, (_, i) => i + 1), 'every message stored, numbered 1..25 without gaps')
    t.match(await coll('seq_conversations').findOne({ _id: conversationId }), { messageCount: 25 })
  }
  const latest = await coll('seq_messages').find({ conversationId: first }).sort({ seq: -1 }).limit(3).toArray()
  t.same(latest.map(m => m.seq), [25, 24, 23], 'the newest messages come first when sorting seq descending')
  await t.rejects(coll('seq_messages').insertOne({ conversationId: first, seq: 25 }), { code: 11000 },
    'the unique index guards the sequence')
})

t.test('session upserts with $setOnInsert keep the creation time and converge under concurrency', async t => {
  const sessions = coll('session_upserts')
  const key = 'telegram:42:owner'
  const createdAt = new Date('2025-01-01T00:00:00Z')
  const upsert = async (): Promise<number> => (await sessions.updateOne(
    { _id: key },
    { $set: { conversationId: 'c1', expiresAt: new Date(Date.now() + 3_600_000) }, $setOnInsert: { createdAt }, $inc: { hits: 1 } },
    { upsert: true }
  )).upsertedCount
  const upserted = await Promise.all(Array.from({ length: 20 }, async () => await upsert()))
  t.equal(upserted.reduce((a, b) => a + b, 0), 1, 'exactly one call inserted')
  t.equal(await sessions.countDocuments({ _id: key }), 1)
  t.match(await sessions.findOne({ _id: key }), { conversationId: 'c1', createdAt, hits: 20 })
  await sessions.updateOne({ _id: key }, { $set: { conversationId: 'c2' }, $setOnInsert: { createdAt: new Date() } }, { upsert: true })
  t.match(await sessions.findOne({ _id: key }), { conversationId: 'c2', createdAt }, 'a later upsert leaves createdAt alone')
})

t.test('idempotency records: the first insert wins and the others see 11000', async t => {
  const idem = coll('idempotency_race')
  const clients = await Promise.all(Array.from({ length: 3 }, async () => await newClient()))
  const attempts = await Promise.allSettled(Array.from({ length: 12 }, async (_, i) =>
    await clients[i % 3].db(dbName).collection<Doc>('idempotency_race').insertOne({
      _id: 'owner:key-1', requestHash: 'h', status: 'pending', expiresAt: new Date(Date.now() + 86_400_000)
    })))
  t.equal(attempts.filter(a => a.status === 'fulfilled').length, 1)
  const rejected = attempts.flatMap(a => a.status === 'rejected' ? [a.reason] : [])
  t.equal(rejected.length, 11)
  t.ok(rejected.every(e => e instanceof MongoServerError && e.code === 11000), 'every loser got a duplicate key error')
  const done = await idem.findOneAndUpdate({ _id: 'owner:key-1', status: 'pending' }, { $set: { status: 'done', response: { code: 201 } } },
    { returnDocument: 'after' })
  t.match(done, { status: 'done', response: { code: 201 } })
})

t.test('API key lookup by unique hash and the active prompt by highest version', async t => {
  const keys = coll('keys')
  await keys.createIndex({ hash: 1 }, { unique: true })
  await keys.insertMany([
    { _id: 'k1', name: 'a', hash: 'h1', scopes: ['chat'], createdAt: new Date() },
    { _id: 'k2', name: 'b', hash: 'h2', scopes: ['admin'], createdAt: new Date(), revokedAt: new Date() }
  ])
  t.match(await keys.findOne({ hash: 'h1', revokedAt: { $exists: false } }), { _id: 'k1', scopes: ['chat'] })
  t.equal(await keys.findOne({ hash: 'h2', revokedAt: { $exists: false } }), null, 'a revoked key is not found')
  await t.rejects(keys.insertOne({ name: 'dup', hash: 'h1' }), { code: 11000, keyPattern: { hash: 1 } })

  const prompts = coll('prompt_versions')
  await prompts.createIndex({ platform: 1, version: 1 }, { unique: true })
  await prompts.insertMany([
    { platform: 'web', version: 1, text: 'v1', active: true },
    { platform: 'web', version: 2, text: 'v2', active: true },
    { platform: 'web', version: 3, text: 'v3', active: false },
    { platform: 'telegram', version: 1, text: 't1', active: true }
  ])
  t.match(await prompts.findOne({ platform: 'web', active: true }, { sort: { version: -1 } }), { text: 'v2' })
  await t.rejects(prompts.insertOne({ platform: 'web', version: 2, text: 'again' }), { code: 11000, keyValue: { platform: 'web', version: 2 } })
})
