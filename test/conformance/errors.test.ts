import t from 'tap'
import { MongoError, MongoServerError, type Document } from 'mongodb'
import { connect } from './harness.js'

const { db, dbName, client, newClient, coll } = await connect(t, 'errors')

// For unsupported features only "an error with a code" is asserted: the exact code may differ by server.
const failure = async (promise: Promise<unknown>): Promise<unknown> => await promise.then(() => undefined, (e: unknown) => e)
const hasServerCode = (err: unknown): boolean => err instanceof MongoServerError && typeof err.code === 'number' && err.code > 0

t.test('an unknown command is CommandNotFound (59)', async t => {
  const err = await db.command({ noSuchCommand: 1 }).catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.match(err, { code: 59, codeName: 'CommandNotFound', message: /no such command: 'noSuchCommand'/ })
  await t.rejects(client.db('admin').command({ alsoNotACommand: 1 }), { code: 59, codeName: 'CommandNotFound' })
  t.match(await db.command({ ping: 1 }), { ok: 1 }, 'the connection keeps working')
})

t.test('a duplicate _id is code 11000 with keyPattern, keyValue and the E11000 message', async t => {
  const c = coll('dups')
  await c.insertOne({ _id: 1 })
  const err = await c.insertOne({ _id: 1 }).catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.match(err, {
    code: 11000,
    keyPattern: { _id: 1 },
    keyValue: { _id: 1 },
    message: `E11000 duplicate key error collection: ${dbName}.dups index: _id_ dup key: { _id: 1 }`
  })
  t.equal(await c.countDocuments(), 1)
})

t.test('a document over 16 MiB is rejected and nothing is stored', async t => {
  const c = coll('big')
  const huge = 'x'.repeat(16 * 1024 * 1024)
  const err = await c.insertOne({ _id: 'huge', huge }).catch((e: unknown) => e)
  t.ok(err instanceof MongoError, 'the insert fails (client- or server-side)')
  t.equal(await c.countDocuments({ _id: 'huge' }), 0)
})

t.test('a document just under 16 MiB is accepted', async t => {
  const c = coll('big')
  const almost = 'y'.repeat(16 * 1024 * 1024 - 1024)
  await c.insertOne({ _id: 'almost', almost })
  const back = await c.findOne({ _id: 'almost' })
  t.equal(back?.almost.length, almost.length)
  await c.deleteOne({ _id: 'almost' })
})

t.test('an update that would grow a document past 16 MiB fails and leaves it unchanged', async t => {
  const c = coll('grow')
  await c.insertOne({ _id: 1, a: 'a'.repeat(9 * 1024 * 1024) })
  t.ok(hasServerCode(await failure(c.updateOne({ _id: 1 }, { $set: { b: 'b'.repeat(9 * 1024 * 1024) } }))), 'server error with a code')
  const doc = await c.findOne({ _id: 1 }, { projection: { b: 1 } })
  t.same(doc, { _id: 1 })
})

t.test('$text without a text index is an error, not an empty result', async t => {
  const c = coll('notext')
  await c.insertOne({ body: 'hello world' })
  t.ok(hasServerCode(await failure(c.find({ $text: { $search: 'hello' } }).toArray())), 'server error with a code')
})

t.test('hint naming an index that does not exist is an error', async t => {
  const c = coll('nohint')
  await c.insertOne({ a: 1 })
  t.ok(hasServerCode(await failure(c.find({ a: 1 }, { hint: 'no_such_index' }).toArray())), 'hint by name')
  t.ok(hasServerCode(await failure(c.find({ a: 1 }, { hint: { zz: 1 } }).toArray())), 'hint by key pattern')
})

t.test('unknown query operators are BadValue (2)', async t => {
  const c = coll('badquery')
  await c.insertOne({ a: 1 })
  await t.rejects(c.find({ a: { $nope: 1 } }).toArray(), { code: 2, codeName: 'BadValue', message: /unknown operator: \$nope/ })
  await t.rejects(c.find({ $nope: [] }).toArray(), { code: 2, codeName: 'BadValue', message: /unknown top level operator: \$nope/ })
})

t.test('a projection mixing inclusion and exclusion is rejected', async t => {
  const c = coll('badproj')
  await c.insertOne({ a: 1, b: 2, c: 3 })
  await t.rejects(c.find({}, { projection: { a: 1, b: 0 } }).toArray(), { code: 31254 })
})

t.test('an unknown pipeline stage is rejected (40324)', async t => {
  await t.rejects(coll('badagg').aggregate([{ $nope: {} }]).toArray(), { code: 40324 })
})

t.test('aggregate without a cursor option is FailedToParse (9)', async t => {
  await t.rejects(db.command({ aggregate: 'badagg', pipeline: [] }), { code: 9, codeName: 'FailedToParse' })
})

t.test('update errors carry MongoDB codes', async t => {
  const c = coll('badupdate')
  await c.insertOne({ _id: 1, s: 'text', n: 1, arr: [1] })
  await t.rejects(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }), { code: 66, codeName: 'ImmutableField' }, 'changing _id')
  await t.rejects(c.updateOne({ _id: 1 }, { $inc: { s: 1 } }), { code: 14, codeName: 'TypeMismatch' }, '$inc on a string')
  const pushToString: Document = { $push: { s: 1 } }
  await t.rejects(c.updateOne({ _id: 1 }, pushToString), { code: 2, codeName: 'BadValue' }, '$push to a non-array')
  await t.rejects(c.updateOne({ _id: 1 }, { $set: { n: 1 }, $inc: { n: 1 } }), { code: 40, codeName: 'ConflictingUpdateOperators' },
    'two operators on one path')
  await t.rejects(c.updateOne({ _id: 1 }, { $nope: { n: 1 } }), { code: 9, codeName: 'FailedToParse' }, 'unknown modifier')
  await t.rejects(c.updateOne({ _id: 1 }, { $set: { 'arr.$[x]': 0 } }), { code: 2, codeName: 'BadValue' }, 'identifier without arrayFilters')
  t.same(await c.findOne({ _id: 1 }), { _id: 1, s: 'text', n: 1, arr: [1] }, 'no failed update changed the document')
})

t.test('replacing a document with another _id is ImmutableField (66)', async t => {
  const c = coll('badreplace')
  await c.insertOne({ _id: 1, v: 1 })
  await t.rejects(c.replaceOne({ _id: 1 }, { _id: 2, v: 2 }), { code: 66, codeName: 'ImmutableField' })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, v: 1 })
})

t.test('an error on one connection leaves other connections working', async t => {
  const other = await newClient()
  const failures = await Promise.allSettled(Array.from({ length: 10 }, async () => await db.command({ noSuchCommand: 1 })))
  t.ok(failures.every(f => f.status === 'rejected'))
  t.match(await other.db(dbName).command({ ping: 1 }), { ok: 1 })
  t.match(await db.command({ ping: 1 }), { ok: 1 })
})
