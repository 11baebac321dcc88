import { test } from 'tap'
import Fastify from 'fastify'
import fastifyMongo from '@fastify/mongodb'
import { MongoClient } from 'mongodb'
import { startEmbeddedMongo } from '../../../lib/embedded-mongo/index.js'

test('@fastify/mongodb connects with nothing but the URI', async (t) => {
  const mongo = await startEmbeddedMongo()
  const app = Fastify()
  t.teardown(async () => {
    await app.close()
    await mongo.close()
  })
  await app.register(fastifyMongo, { url: mongo.uri, database: 'plugin', forceClose: true })
  await app.ready()
  t.match(await app.mongo.db?.command({ ping: 1 }), { ok: 1 })
  const things = app.mongo.db?.collection('things')
  await things?.insertOne({ name: 'first' })
  t.match(await things?.findOne({ name: 'first' }), { name: 'first' })
})

test('expired documents are removed by the TTL sweeper', async (t) => {
  const mongo = await startEmbeddedMongo({ ttlSweepIntervalMs: 50 })
  const client = new MongoClient(mongo.uri)
  t.teardown(async () => {
    await client.close()
    await mongo.close()
  })
  const c = client.db('ttl').collection<{ _id: string, expiresAt?: Date | string }>('sessions')
  await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
  await c.insertMany([
    { _id: 'old', expiresAt: new Date(Date.now() - 1000) },
    { _id: 'future', expiresAt: new Date(Date.now() + 60_000) },
    { _id: 'not-a-date', expiresAt: 'soon' },
    { _id: 'no-field' }
  ])
  const deadline = Date.now() + 5000
  while (await c.countDocuments({ _id: 'old' }) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
  t.same((await c.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id), ['future', 'no-field', 'not-a-date'])
})

test('with users, commands need SCRAM-SHA-256 authentication', async (t) => {
  const mongo = await startEmbeddedMongo({ users: [{ username: 'app', password: 's3cret' }] })
  t.teardown(() => mongo.close())
  t.notOk(mongo.uri.includes('s3cret'))
  const anonymous = new MongoClient(mongo.uri)
  const good = new MongoClient(mongo.uri.replace('mongodb://', 'mongodb://app:s3cret@'))
  const bad = new MongoClient(mongo.uri.replace('mongodb://', 'mongodb://app:wrong@'))
  t.teardown(async () => {
    await Promise.all([anonymous.close(), good.close(), bad.close()])
  })
  await t.rejects(anonymous.db('x').collection('c').findOne({}), { code: 13, codeName: 'Unauthorized' })
  t.match(await anonymous.db('admin').command({ ping: 1 }), { ok: 1 }, 'ping needs no authentication')
  await good.db('x').collection('c').insertOne({ a: 1 })
  t.match(await good.db('x').collection('c').findOne({}), { a: 1 })
  t.match(await good.db('admin').command({ connectionStatus: 1 }), { authInfo: { authenticatedUsers: [{ user: 'app', db: 'admin' }] } })
  await t.rejects(bad.connect(), { code: 18 })
})

test('close() stops the listener and can be called twice', async (t) => {
  const mongo = await startEmbeddedMongo()
  const client = new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 500 })
  await client.db('admin').command({ ping: 1 })
  await Promise.all([mongo.close(), mongo.close()])
  await t.rejects(client.db('admin').command({ ping: 1 }))
  await client.close()
})

test('a cursor over a dropped collection fails with QueryPlanKilled (175)', async (t) => {
  const mongo = await startEmbeddedMongo()
  const client = new MongoClient(mongo.uri)
  t.teardown(async () => {
    await client.close()
    await mongo.close()
  })
  const c = client.db('cur').collection('items')
  await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ i })))
  const cursor = c.find({}).batchSize(2)
  t.ok(await cursor.next())
  await c.drop()
  await t.rejects(cursor.toArray(), { code: 175 })
})
