import t from 'tap'
import type { Document } from 'mongodb'
import { connect, uniqueName } from './harness.js'

const { client, db, dbName, coll } = await connect(t, 'admin')
const admin = client.db('admin')

t.test('ping answers ok on any database', async t => {
  t.match(await db.command({ ping: 1 }), { ok: 1 })
  t.match(await admin.command({ ping: 1 }), { ok: 1 })
})

t.test('hello reports a writable primary and MongoDB 7 limits', async t => {
  const hello = await admin.command({ hello: 1 })
  t.match(hello, {
    ok: 1,
    isWritablePrimary: true,
    maxBsonObjectSize: 16777216,
    maxMessageSizeBytes: 48000000,
    maxWriteBatchSize: 100000,
    minWireVersion: Number,
    logicalSessionTimeoutMinutes: Number,
    connectionId: Number
  })
  t.ok(hello.maxWireVersion >= 21, 'wire version of MongoDB 7.0 or later')
  t.ok(hello.localTime instanceof Date)
  t.equal(hello.readOnly, false)
})

t.test('legacy isMaster answers with ismaster true', async t => {
  t.match(await admin.command({ isMaster: 1 }), { ok: 1, ismaster: true, maxBsonObjectSize: 16777216 })
})

t.test('buildInfo reports a version and its numeric parts', async t => {
  const info = await admin.command({ buildInfo: 1 })
  t.equal(info.ok, 1)
  t.match(info.version, /^\d+\.\d+\.\d+/)
  t.ok(Array.isArray(info.versionArray) && info.versionArray.length === 4)
  t.equal(info.versionArray[0], Number(info.version.split('.')[0]))
  t.ok(info.versionArray[0] >= 7, 'MongoDB 7 or later')
  t.equal(info.maxBsonObjectSize, 16777216)
  t.match(await db.command({ buildInfo: 1 }), { ok: 1 }, 'also on a non-admin database')
})

t.test('getParameter reports the feature compatibility version', async t => {
  const reply = await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 })
  t.equal(reply.ok, 1)
  t.match(reply.featureCompatibilityVersion, { version: /^\d+\.\d+$/ })
})

t.test('connectionStatus describes the authentication state', async t => {
  const reply = await admin.command({ connectionStatus: 1 })
  t.equal(reply.ok, 1)
  t.ok(Array.isArray(reply.authInfo?.authenticatedUsers))
  t.ok(Array.isArray(reply.authInfo?.authenticatedUserRoles))
})

t.test('explicit sessions can be used, ended and killed', async t => {
  const c = coll('sessions')
  await client.withSession(async session => {
    await c.insertOne({ _id: 1 }, { session })
    t.equal(await c.countDocuments({}, { session }), 1)
  })
  const session = client.startSession()
  await c.findOne({}, { session })
  t.match(await admin.command({ killSessions: [session.id] }), { ok: 1 })
  const other = client.startSession()
  await c.findOne({}, { session: other })
  t.match(await admin.command({ endSessions: [other.id] }), { ok: 1 })
  await session.endSession()
  await other.endSession()
})

t.test('createCollection creates an empty collection listed by listCollections', async t => {
  const created = await db.createCollection('made')
  t.equal(created.collectionName, 'made')
  const [entry] = await db.listCollections({ name: 'made' }, { nameOnly: false }).toArray()
  t.match(entry, { name: 'made', type: 'collection', info: { readOnly: false }, idIndex: { key: { _id: 1 }, name: '_id_' } })
  t.same(entry.options, {})
  t.equal(await coll('made').countDocuments(), 0)
})

t.test('creating an existing collection with the same options succeeds (MongoDB 7)', async t => {
  await db.createCollection('twice')
  await coll('twice').insertOne({ _id: 1 })
  await db.createCollection('twice')
  t.match(await db.command({ create: 'twice' }), { ok: 1 })
  t.equal(await coll('twice').countDocuments(), 1, 'the existing data is untouched')
})

t.test('creating an existing collection with other options is NamespaceExists (48)', async t => {
  await db.createCollection('clash')
  await t.rejects(db.createCollection('clash', { capped: true, size: 4096 }), { code: 48, codeName: 'NamespaceExists' })
})

t.test('listCollections lists implicitly created collections, with nameOnly and filters', async t => {
  await coll('implicit_a').insertOne({ a: 1 })
  await coll('implicit_b').insertOne({ b: 1 })
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map(c => c.name)
  t.ok(names.includes('implicit_a') && names.includes('implicit_b'))
  const onlyA = await db.listCollections({ name: 'implicit_a' }, { nameOnly: true }).toArray()
  t.same(onlyA.map(c => [c.name, c.type]), [['implicit_a', 'collection']])
  t.same(await db.listCollections({ name: 'never_created' }).toArray(), [])
  const reply = await db.command({ listCollections: 1, filter: { name: 'implicit_b' } })
  t.equal(reply.cursor.ns, `${dbName}.$cmd.listCollections`)
  t.equal(Number(reply.cursor.id), 0)
  t.same(reply.cursor.firstBatch.map((c: Document) => c.name), ['implicit_b'])
})

t.test('drop removes a collection with its documents and indexes', async t => {
  const c = coll('to_drop')
  await c.insertMany([{ a: 1 }, { a: 2 }])
  await c.createIndex({ a: 1 }, { unique: true })
  t.equal(await c.drop(), true)
  t.same(await db.listCollections({ name: 'to_drop' }).toArray(), [])
  t.equal(await c.countDocuments(), 0)
  await c.insertMany([{ a: 1 }, { a: 1 }])
  t.same((await c.listIndexes().toArray()).map(i => i.name), ['_id_'], 'a recreated collection starts without the old indexes')
})

t.test('dropping a collection that does not exist succeeds (MongoDB 7)', async t => {
  t.match(await db.command({ drop: 'never_created' }), { ok: 1 })
})

t.test('listDatabases includes databases that hold data, with sizes', async t => {
  await coll('listed').insertOne({ x: 1 })
  const reply = await admin.command({ listDatabases: 1 })
  t.equal(reply.ok, 1)
  t.type(reply.totalSize, 'number')
  const mine = reply.databases.find((d: Document) => d.name === dbName)
  t.match(mine, { name: dbName, sizeOnDisk: Number, empty: false })
  const names = await admin.command({ listDatabases: 1, nameOnly: true })
  t.ok(names.databases.some((d: Document) => d.name === dbName))
  const filtered = await admin.command({ listDatabases: 1, filter: { name: dbName } })
  t.same(filtered.databases.map((d: Document) => d.name), [dbName])
  const viaDriver = await client.db().admin().listDatabases()
  t.ok(viaDriver.databases.some(d => d.name === dbName))
})

t.test('dropDatabase removes every collection of that database', async t => {
  const name = uniqueName('conf_dropdb')
  const other = client.db(name)
  t.teardown(async () => { await other.dropDatabase() })
  await other.collection('a').insertOne({ a: 1 })
  await other.collection('b').createIndex({ b: 1 })
  t.ok((await admin.command({ listDatabases: 1, nameOnly: true })).databases.some((d: Document) => d.name === name))
  t.equal(await other.dropDatabase(), true)
  t.same(await other.listCollections().toArray(), [])
  t.notOk((await admin.command({ listDatabases: 1, nameOnly: true })).databases.some((d: Document) => d.name === name))
  t.equal(await other.collection('a').countDocuments(), 0)
})
