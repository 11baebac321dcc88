import t from 'tap'
import { MongoBulkWriteError, ObjectId, type Document } from 'mongodb'
import { connect } from './harness.js'

const { db, dbName, coll } = await connect(t, 'crud')

const ids = (docs: Document[]): unknown[] => docs.map(d => d._id)

const people = coll('people')
await people.insertMany([
  { _id: 1, name: 'ada', age: 36, tags: ['math', 'code'], address: { city: 'London', zip: 'N1' } },
  { _id: 2, name: 'bob', age: 25, tags: ['code'], address: { city: 'Paris', zip: '75001' } },
  { _id: 3, name: 'cy', age: 41, tags: [], address: { city: 'London', zip: 'E2' } },
  { _id: 4, name: 'dee', age: 25, scores: [{ k: 'a', v: 5 }, { k: 'b', v: 9 }] },
  { _id: 5, name: 'Eve', age: 30, tags: ['sec', 'code', 'math'], nick: null },
  { _id: 6, name: 'fay', age: 52, scores: [{ k: 'a', v: 1 }] }
])

const findIds = async (filter: Document): Promise<unknown[]> =>
  ids(await people.find(filter).sort({ _id: 1 }).toArray())

t.test('insertOne generates an ObjectId _id that reads back', async t => {
  const c = coll('insert_one')
  const res = await c.insertOne({ a: 1 })
  t.equal(res.acknowledged, true)
  t.ok(res.insertedId instanceof ObjectId)
  const stored = await c.findOne({ _id: res.insertedId })
  t.same(stored, { _id: res.insertedId, a: 1 })
})

t.test('insertOne keeps client-supplied _id values of any type', async t => {
  const c = coll('insert_ids')
  for (const _id of ['str', 42, { tenant: 'x', n: 1 }]) {
    const res = await c.insertOne({ _id, v: true })
    t.same(res.insertedId, _id)
    t.same(await c.findOne({ _id }), { _id, v: true })
  }
  t.equal(await c.countDocuments(), 3)
})

t.test('stored documents put _id first and keep the other fields in insertion order', async t => {
  const c = coll('field_order')
  await c.insertOne({ b: 1, a: 2, c: 3, _id: 'k' })
  const doc = await c.findOne({ _id: 'k' })
  t.same(Object.keys(doc ?? {}), ['_id', 'b', 'a', 'c'])
  await c.updateOne({ _id: 'k' }, { $set: { z: 0, a: 20 } })
  t.same(Object.keys(await c.findOne({ _id: 'k' }) ?? {}), ['_id', 'b', 'a', 'c', 'z'])
})

t.test('ordered insertMany stops at the duplicate and reports it', async t => {
  const c = coll('ordered')
  const err = await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }]).catch((e: unknown) => e)
  t.ok(err instanceof MongoBulkWriteError, 'MongoBulkWriteError')
  if (!(err instanceof MongoBulkWriteError)) return
  t.equal(err.code, 11000)
  t.equal(err.insertedCount, 2)
  const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
  t.equal(writeErrors.length, 1)
  t.equal(writeErrors[0].index, 2)
  t.equal(writeErrors[0].code, 11000)
  t.same(ids(await c.find().sort({ _id: 1 }).toArray()), [1, 2])
})

t.test('unordered insertMany inserts around the duplicate and reports its index', async t => {
  const c = coll('unordered')
  const err = await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }], { ordered: false })
    .catch((e: unknown) => e)
  t.ok(err instanceof MongoBulkWriteError, 'MongoBulkWriteError')
  if (!(err instanceof MongoBulkWriteError)) return
  t.equal(err.code, 11000)
  t.equal(err.insertedCount, 3)
  const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
  t.same(writeErrors.map(e => [e.index, e.code]), [[2, 11000]])
  t.same(ids(await c.find().sort({ _id: 1 }).toArray()), [1, 2, 3])
})

t.test('the insert command reply carries writeErrors with keyPattern and keyValue', async t => {
  const reply = await db.command({
    insert: 'raw_insert',
    documents: [{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }],
    ordered: false
  })
  t.equal(reply.ok, 1)
  t.equal(reply.n, 2)
  t.equal(reply.writeErrors.length, 2)
  t.match(reply.writeErrors[0], {
    index: 1,
    code: 11000,
    keyPattern: { _id: 1 },
    keyValue: { _id: 1 },
    errmsg: `E11000 duplicate key error collection: ${dbName}.raw_insert index: _id_ dup key: { _id: 1 }`
  })
  t.match(reply.writeErrors[1], { index: 3, code: 11000, keyValue: { _id: 2 } })
})

t.test('find filters with comparison, logical, element and array operators', async t => {
  t.same(await findIds({ name: 'bob' }), [2], 'equality')
  t.same(await findIds({ 'address.city': 'London' }), [1, 3], 'dotted path')
  t.same(await findIds({ tags: 'code' }), [1, 2, 5], 'array contains')
  t.same(await findIds({ tags: ['code'] }), [2], 'whole-array equality')
  t.same(await findIds({ age: { $gt: 30, $lte: 41 } }), [1, 3], '$gt/$lte')
  t.same(await findIds({ age: { $in: [25, 52] } }), [2, 4, 6], '$in')
  t.same(await findIds({ age: { $nin: [25, 52] } }), [1, 3, 5], '$nin')
  t.same(await findIds({ age: { $ne: 25 } }), [1, 3, 5, 6], '$ne')
  t.same(await findIds({ tags: { $exists: false } }), [4, 6], '$exists false')
  t.same(await findIds({ nick: null }), [1, 2, 3, 4, 5, 6], 'null matches null and missing')
  t.same(await findIds({ nick: { $exists: true } }), [5], '$exists true includes null values')
  t.same(await findIds({ $or: [{ age: 25 }, { name: 'cy' }] }), [2, 3, 4], '$or')
  t.same(await findIds({ $and: [{ age: { $gte: 25 } }, { age: { $lt: 31 } }] }), [2, 4, 5], '$and')
  t.same(await findIds({ $nor: [{ age: 25 }, { age: { $gt: 40 } }] }), [1, 5], '$nor')
  t.same(await findIds({ age: { $not: { $gt: 30 } } }), [2, 4, 5], '$not')
  t.same(await findIds({ name: { $regex: '^e', $options: 'i' } }), [5], '$regex with options')
  t.same(await findIds({ name: /^[a-c]/ }), [1, 2, 3], 'regex literal')
  t.same(await findIds({ scores: { $elemMatch: { k: 'a', v: { $gt: 2 } } } }), [4], '$elemMatch')
  t.same(await findIds({ 'scores.k': 'b' }), [4], 'dotted path through an array of documents')
  t.same(await findIds({ tags: { $size: 2 } }), [1], '$size')
  t.same(await findIds({ tags: { $all: ['code', 'math'] } }), [1, 5], '$all')
  t.same(await findIds({ age: { $gt: '30' } }), [], 'no cross-type range match')
  t.same(await findIds({ name: { $in: [/^a/, 'bob'] } }), [1, 2], '$in with a regex')
  t.same(await findIds({ tags: { $elemMatch: { $gte: 'm', $lt: 'n' } } }), [1, 5], '$elemMatch on scalars')
  t.same(await findIds({ 'tags.1': { $exists: true } }), [1, 5], 'array index in a path')
  t.same(await findIds({ 'scores.0.k': 'a' }), [4, 6], 'array index then field')
  t.same(await findIds({ age: { $mod: [5, 0] } }), [2, 4, 5], '$mod')
})

t.test('find sorts on one and on several keys', async t => {
  t.same(ids(await people.find().sort({ age: 1, _id: 1 }).toArray()), [2, 4, 5, 1, 3, 6])
  t.same(ids(await people.find().sort({ age: -1, _id: -1 }).toArray()), [6, 3, 1, 5, 4, 2])
  t.same(ids(await people.find().sort({ age: 1, name: -1 }).toArray()), [4, 2, 5, 1, 3, 6])
  t.same(ids(await people.find().sort({ name: 1 }).toArray()), [5, 1, 2, 3, 4, 6], 'binary string order')
  t.same(ids(await people.find().sort({ 'address.city': 1, _id: -1 }).toArray()), [6, 5, 4, 3, 1, 2],
    'missing sorts before strings')
})

t.test('find projections include, exclude and reach into documents', async t => {
  t.same(await people.findOne({ _id: 1 }, { projection: { name: 1 } }), { _id: 1, name: 'ada' })
  t.same(await people.findOne({ _id: 1 }, { projection: { name: 1, _id: 0 } }), { name: 'ada' })
  t.same(await people.findOne({ _id: 2 }, { projection: { tags: 0, address: 0, age: 0 } }), { _id: 2, name: 'bob' })
  t.same(await people.findOne({ _id: 2 }, { projection: { _id: 0 } }),
    { name: 'bob', age: 25, tags: ['code'], address: { city: 'Paris', zip: '75001' } })
  t.same(await people.findOne({ _id: 1 }, { projection: { 'address.city': 1 } }), { _id: 1, address: { city: 'London' } })
  t.same(await people.findOne({ _id: 1 }, { projection: { 'address.zip': 0, tags: 0, name: 0, age: 0 } }),
    { _id: 1, address: { city: 'London' } })
  t.same(await people.findOne({ _id: 4 }, { projection: { 'scores.v': 1, _id: 0 } }), { scores: [{ v: 5 }, { v: 9 }] })
  t.same(await people.findOne({ _id: 5 }, { projection: { tags: { $slice: 2 }, _id: 0, name: 1 } }),
    { name: 'Eve', tags: ['sec', 'code'] })
  t.same(await people.findOne({ _id: 1 }, { projection: { missing: 1 } }), { _id: 1 }, 'missing field is left out')
})

t.test('find applies skip and limit after the sort', async t => {
  t.same(ids(await people.find().sort({ _id: 1 }).skip(2).limit(3).toArray()), [3, 4, 5])
  t.same(ids(await people.find().sort({ _id: -1 }).skip(4).toArray()), [2, 1])
  t.same(ids(await people.find().sort({ _id: 1 }).skip(10).toArray()), [])
  t.same(ids(await people.find({}, { sort: { _id: 1 }, limit: 2 }).toArray()), [1, 2])
})

t.test('counts: countDocuments, estimatedDocumentCount and the count command', async t => {
  t.equal(await people.countDocuments(), 6)
  t.equal(await people.countDocuments({ age: 25 }), 2)
  t.equal(await people.countDocuments({}, { skip: 1, limit: 3 }), 3)
  t.equal(await people.estimatedDocumentCount(), 6)
  t.equal(await coll('never_created').countDocuments(), 0)
  t.equal(await coll('never_created').estimatedDocumentCount(), 0)
  t.match(await db.command({ count: 'people', query: { age: { $gte: 30 } } }), { n: 4, ok: 1 })
  t.match(await db.command({ count: 'people', query: {}, skip: 4, limit: 5 }), { n: 2, ok: 1 })
})

t.test('distinct returns each value once, unwinding arrays', async t => {
  const sorted = (values: unknown[]): unknown[] => [...values].sort()
  t.same(sorted(await people.distinct('age')), [25, 30, 36, 41, 52])
  t.same(sorted(await people.distinct('tags')), ['code', 'math', 'sec'])
  t.same(sorted(await people.distinct('address.city')), ['London', 'Paris'])
  t.same(sorted(await people.distinct('name', { age: 25 })), ['bob', 'dee'])
  t.same(await coll('never_created').distinct('x'), [])
  const reply = await db.command({ distinct: 'people', key: 'scores.k' })
  t.equal(reply.ok, 1)
  t.same(sorted(reply.values), ['a', 'b'])
})

t.test('updateOne reports matched, modified and upserted counts', async t => {
  const c = coll('update_one')
  await c.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 1 }])
  t.match(await c.updateOne({ v: 1 }, { $set: { v: 2 } }),
    { acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null })
  t.equal(await c.countDocuments({ v: 2 }), 1, 'only one document changed')
  t.match(await c.updateOne({ _id: 1 }, { $set: { v: 2 } }), { matchedCount: 1, modifiedCount: 0 }, 'no-op write')
  t.match(await c.updateOne({ _id: 99 }, { $set: { v: 3 } }), { matchedCount: 0, modifiedCount: 0, upsertedId: null })
  t.equal(await c.countDocuments(), 2)
})

t.test('upserts build the new document from the filter equalities and the update', async t => {
  const c = coll('upserts')
  const res = await c.updateOne({ owner: 'o1', kind: 'k', n: { $gt: 5 } }, { $set: { v: 1 } }, { upsert: true })
  t.match(res, { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 })
  t.ok(res.upsertedId instanceof ObjectId)
  t.same(await c.findOne({ _id: res.upsertedId ?? undefined }, { projection: { _id: 0 } }), { owner: 'o1', kind: 'k', v: 1 })

  const withId = await c.updateOne({ _id: 'fixed' }, { $inc: { n: 1 } }, { upsert: true })
  t.equal(withId.upsertedId, 'fixed')
  const again = await c.updateOne({ _id: 'fixed' }, { $inc: { n: 1 } }, { upsert: true })
  t.match(again, { matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null })
  t.same(await c.findOne({ _id: 'fixed' }), { _id: 'fixed', n: 2 })

  const many = await c.updateMany({ group: 'g' }, { $set: { seen: true } }, { upsert: true })
  t.match(many, { matchedCount: 0, upsertedCount: 1 })
  t.equal(await c.countDocuments({ group: 'g', seen: true }), 1)
})

t.test('updateMany changes every matching document', async t => {
  const c = coll('update_many')
  await c.insertMany([{ k: 'a', n: 1 }, { k: 'a', n: 2 }, { k: 'b', n: 3 }, { k: 'a', n: 5 }])
  t.match(await c.updateMany({ k: 'a' }, { $inc: { n: 10 } }), { matchedCount: 3, modifiedCount: 3, upsertedCount: 0 })
  t.same((await c.find({}, { sort: { n: 1 }, projection: { _id: 0, n: 1 } }).toArray()).map(d => d.n), [3, 11, 12, 15])
  t.match(await c.updateMany({ k: 'zzz' }, { $set: { n: 0 } }), { matchedCount: 0, modifiedCount: 0 })
})

t.test('replaceOne swaps the whole document and keeps _id', async t => {
  const c = coll('replace')
  await c.insertOne({ _id: 1, a: 1, b: 2 })
  t.match(await c.replaceOne({ _id: 1 }, { c: 3 }), { matchedCount: 1, modifiedCount: 1 })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, c: 3 })
  const up = await c.replaceOne({ name: 'x' }, { v: 1 }, { upsert: true })
  t.equal(up.upsertedCount, 1)
  t.same(await c.findOne({ _id: up.upsertedId ?? undefined }, { projection: { _id: 0 } }), { v: 1 },
    'a replacement upsert does not copy filter fields')
  const upId = await c.replaceOne({ _id: 7 }, { v: 7 }, { upsert: true })
  t.equal(upId.upsertedId, 7)
  t.same(await c.findOne({ _id: 7 }), { _id: 7, v: 7 })
})

t.test('deleteOne removes one match, deleteMany removes all matches', async t => {
  const c = coll('deletes')
  await c.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }])
  t.same(await c.deleteOne({ k: 1 }), { acknowledged: true, deletedCount: 1 })
  t.equal(await c.countDocuments({ k: 1 }), 2)
  t.same(await c.deleteMany({ k: 1 }), { acknowledged: true, deletedCount: 2 })
  t.same(await c.deleteOne({ k: 1 }), { acknowledged: true, deletedCount: 0 })
  t.same(await c.deleteMany({}), { acknowledged: true, deletedCount: 1 })
  t.equal(await c.countDocuments(), 0)
})

t.test('update and delete command replies count matched, modified and upserted documents', async t => {
  await coll('raw_update').insertMany([{ _id: 1, v: 0 }, { _id: 2, v: 0 }, { _id: 3, v: 5 }])
  const update = await db.command({
    update: 'raw_update',
    updates: [
      { q: { v: 0 }, u: { $set: { v: 1 } }, multi: true },
      { q: { _id: 3 }, u: { $set: { v: 5 } } },
      { q: { _id: 9 }, u: { $set: { v: 9 } }, upsert: true }
    ]
  })
  t.match(update, { ok: 1, n: 4, nModified: 2, upserted: [{ index: 2, _id: 9 }] })
  const del = await db.command({ delete: 'raw_update', deletes: [{ q: { v: 1 }, limit: 0 }, { q: {}, limit: 1 }] })
  t.match(del, { ok: 1, n: 3 })
  t.equal(await coll('raw_update').countDocuments(), 1)
})
