import { test } from 'tap'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Decimal128, Double, Int32, Long, MongoClient, ObjectId, type Document } from 'mongodb'
import { startEmbeddedMongo, type EmbeddedMongoOptions } from '../../../lib/embedded-mongo/index.js'

async function dataDir (t: { teardown (fn: () => unknown): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function withServer<T> (opts: EmbeddedMongoOptions, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const mongo = await startEmbeddedMongo(opts)
  const client = new MongoClient(mongo.uri)
  try {
    return await fn(client)
  } finally {
    await client.close()
    await mongo.close()
  }
}

const raw = { promoteValues: false, promoteLongs: false } as const

test('documents, numeric types, indexes and namespace changes survive a restart', async (t) => {
  const dir = await dataDir(t)
  const id = new ObjectId()
  await withServer({ dataDir: dir }, async (client) => {
    const db = client.db('app')
    await db.collection('users').createIndex({ email: 1 }, { unique: true })
    await db.collection('sessions').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 })
    await db.collection('users').insertMany([
      { _id: id, email: 'a@x', i: new Int32(1), l: Long.fromString('9007199254740993'), d: new Double(2), dec: Decimal128.fromString('1.10') },
      { email: 'b@x' },
      { email: 'gone@x' }
    ])
    await db.collection('users').updateOne({ email: 'b@x' }, { $set: { tier: 'gold' }, $inc: { visits: 1 } })
    await db.collection('users').deleteOne({ email: 'gone@x' })
    await db.collection('temp').insertOne({ x: 1 })
    await db.collection('temp').drop()
    await db.collection('old').insertOne({ y: 1 })
    await client.db('admin').command({ renameCollection: 'app.old', to: 'app.renamed' })
    await client.db('scratch').collection('c').insertOne({ z: 1 })
    await client.db('scratch').dropDatabase()
  })
  await withServer({ dataDir: dir }, async (client) => {
    const db = client.db('app')
    const users = db.collection('users')
    const a = await users.findOne({ _id: id }, raw) as Document
    t.ok(a.i instanceof Int32 && a.l instanceof Long && a.d instanceof Double && a.dec instanceof Decimal128, 'numeric types survive')
    t.equal(a.l.toString(), '9007199254740993')
    t.equal(a.dec.toString(), '1.10')
    t.match(await users.findOne({ email: 'b@x' }), { tier: 'gold', visits: 1 })
    t.equal(await users.countDocuments({ email: 'gone@x' }), 0)
    await t.rejects(users.insertOne({ email: 'a@x' }), { code: 11000 }, 'the unique index is enforced again')
    t.match(await db.collection('sessions').listIndexes().toArray(), [{ name: '_id_' }, { name: 'expiresAt_1', expireAfterSeconds: 3600 }])
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort()
    t.same(names, ['renamed', 'sessions', 'users'])
    t.same((await client.db('admin').admin().listDatabases()).databases.map((d) => d.name), ['app'])
  })
})

test('compaction snapshots the journal and later writes still replay', async (t) => {
  const dir = await dataDir(t)
  await withServer({ dataDir: dir, compactThresholdBytes: 4096 }, async (client) => {
    const c = client.db('app').collection('events')
    await c.createIndex({ seq: 1 }, { unique: true })
    for (let i = 0; i < 200; i++) await c.insertOne({ seq: i, pad: 'x'.repeat(100) })
    await c.updateMany({ seq: { $lt: 10 } }, { $set: { early: true } })
  })
  t.ok((await readdir(dir)).includes('snapshot.bson'), 'a snapshot was written')
  await withServer({ dataDir: dir }, async (client) => {
    const c = client.db('app').collection('events')
    t.equal(await c.countDocuments(), 200)
    t.equal(await c.countDocuments({ early: true }), 10)
    const seqs = (await c.find({}, { sort: { seq: 1 }, projection: { _id: 0, seq: 1 } }).toArray()).map((d) => d.seq)
    t.same(seqs, Array.from({ length: 200 }, (_, i) => i))
  })
})

test('a batch larger than one journal record is journaled in parts and replays whole', async (t) => {
  const dir = await dataDir(t)
  const pad = 'x'.repeat(1024 * 1024)
  await withServer({ dataDir: dir }, async (client) => {
    const r = await client.db('app').collection('blobs').insertMany(Array.from({ length: 30 }, (_, i) => ({ i, pad })))
    t.equal(r.insertedCount, 30)
  })
  await withServer({ dataDir: dir }, async (client) => {
    t.equal(await client.db('app').collection('blobs').countDocuments(), 30)
  })
})
