import t from 'tap'
import { MongoServerError, Timestamp, type Document } from 'mongodb'
import { connect, isExternal } from './harness.js'

// Features real MongoDB supports but the embedded server does not: it must refuse them with an explicit
// MongoDB error rather than answer with an approximation. Meaningless against a real server.
if (isExternal) {
  t.plan(0, 'MONGODB_URI is set: these tests pin the embedded server refusing features real MongoDB has')
} else {
  const { db, coll } = await connect(t, 'embedded')
  const c = coll('things')
  await c.insertMany([{ _id: 1, name: 'a', body: 'hello world' }, { _id: 2, name: 'B', body: 'bye' }])

  const failure = async (promise: Promise<unknown>): Promise<unknown> => await promise.then(() => undefined, (e: unknown) => e)
  const refuses = (err: unknown, feature: RegExp): boolean =>
    err instanceof MongoServerError && typeof err.code === 'number' && err.code > 0 && feature.test(err.message)

  t.test('collation is refused on reads, writes and indexes', async t => {
    const collation = { locale: 'en', strength: 2 }
    t.ok(refuses(await failure(c.find({ name: 'a' }, { collation }).toArray()), /collation/i), 'find')
    t.ok(refuses(await failure(c.aggregate([{ $match: {} }], { collation }).toArray()), /collation/i), 'aggregate')
    t.ok(refuses(await failure(c.updateOne({ name: 'A' }, { $set: { x: 1 } }, { collation })), /collation/i), 'update')
    t.ok(refuses(await failure(c.deleteMany({ name: 'A' }, { collation })), /collation/i), 'delete')
    t.ok(refuses(await failure(c.countDocuments({ name: 'A' }, { collation })), /collation/i), 'count')
    t.ok(refuses(await failure(c.createIndex({ name: 1 }, { collation })), /collation/i), 'createIndex')
    t.equal(await c.countDocuments(), 2, 'nothing was deleted')
    t.notOk(await c.findOne({ x: 1 }), 'nothing was updated')
  })

  t.test('a hint naming a partial index is refused', async t => {
    await c.createIndex({ name: 1 }, { partialFilterExpression: { body: { $exists: true } } })
    t.ok(refuses(await failure(c.find({ name: 'a' }, { hint: { name: 1 } }).toArray()), /partial index/), 'find')
    t.ok(refuses(await failure(c.updateOne({ name: 'a' }, { $set: { y: 1 } }, { hint: 'name_1' })), /partial index/), 'update')
    t.notOk(await c.findOne({ y: 1 }))
  })

  t.test('$out and $merge are refused and write nothing', async t => {
    t.ok(refuses(await failure(c.aggregate([{ $match: {} }, { $out: 'copy' }]).toArray()), /\$out/), '$out')
    t.ok(refuses(await failure(c.aggregate([{ $match: {} }, { $merge: { into: 'merged' } }]).toArray()), /\$merge/), '$merge')
    const names = (await db.listCollections().toArray()).map((info) => info.name)
    t.notOk(names.includes('copy') || names.includes('merged'), 'no target collection was created')
  })

  t.test('$where is refused', async t => {
    t.ok(refuses(await failure(c.find({ $where: 'this.name === "a"' }).toArray()), /\$where/), 'find')
  })

  t.test('text indexes and $text are refused', async t => {
    t.ok(refuses(await failure(c.createIndex({ body: 'text' })), /text/i), 'createIndex')
    t.ok(refuses(await failure(c.find({ $text: { $search: 'hello' } }).toArray()), /text/i), '$text')
  })

  t.test('validators are refused and the collection is not created', async t => {
    const validator: Document = { $jsonSchema: { required: ['name'] } }
    t.ok(refuses(await failure(db.createCollection('validated', { validator })), /validat/i), 'create with validator')
    t.same(await db.listCollections({ name: 'validated' }).toArray(), [])
  })

  t.test('change streams are refused', async t => {
    const stream = c.watch()
    t.ok(refuses(await failure(stream.tryNext()), /change ?stream/i), 'watch')
    await stream.close()
  })

  t.test('write concerns that need other members and snapshot or point-in-time reads are refused', async t => {
    t.ok(refuses(await failure(c.insertOne({ _id: 98 }, { writeConcern: { w: 2 } })), /write concern/), 'w: 2')
    const tagged = { insert: 'things', documents: [{ _id: 98 }], writeConcern: { w: 'dc1' } }
    t.ok(refuses(await failure(db.command(tagged)), /write concern/), 'a tag set')
    t.equal(await c.countDocuments({ _id: 98 }), 0, 'nothing was inserted')
    t.ok(refuses(await failure(c.find({}, { readConcern: { level: 'snapshot' } }).toArray()), /snapshot/), 'snapshot')
    const afterClusterTime = { level: 'local', afterClusterTime: new Timestamp({ t: 1, i: 1 }) }
    t.ok(refuses(await failure(db.command({ find: 'things', readConcern: afterClusterTime })), /afterClusterTime/), 'afterClusterTime')
  })

  t.test('transactions are refused and write nothing', async t => {
    const session = db.client.startSession()
    session.startTransaction()
    const err = await failure(c.insertOne({ _id: 99 }, { session }))
    t.ok(err instanceof MongoServerError && typeof err.code === 'number' && err.code > 0, 'an error with a code')
    await session.abortTransaction().catch(() => undefined)
    await session.endSession()
    t.equal(await c.countDocuments({ _id: 99 }), 0)
  })
}
