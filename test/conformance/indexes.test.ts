import t from 'tap'
import type { Document } from 'mongodb'
import { connect } from './harness.js'

const { db, dbName, coll } = await connect(t, 'idx')

const byName = (indexes: Document[]): Record<string, Document> => Object.fromEntries(indexes.map(i => [i.name, i]))

t.test('createIndex names indexes from their keys unless a name is given', async t => {
  const c = coll('naming')
  t.equal(await c.createIndex({ a: 1 }), 'a_1')
  t.equal(await c.createIndex({ a: 1, b: -1 }), 'a_1_b_-1')
  t.equal(await c.createIndex({ 'x.y': 1 }), 'x.y_1')
  t.equal(await c.createIndex({ c: 1 }, { name: 'by_c' }), 'by_c')
  const indexes = await c.listIndexes().toArray()
  t.same(indexes.map(i => i.name).sort(), ['_id_', 'a_1', 'a_1_b_-1', 'by_c', 'x.y_1'])
  const named = byName(indexes)
  t.match(named._id_, { v: 2, key: { _id: 1 }, name: '_id_' })
  t.same(named['a_1_b_-1'].key, { a: 1, b: -1 })
  t.same(Object.keys(named['a_1_b_-1'].key), ['a', 'b'], 'key order is kept')
  t.notOk('unique' in named.a_1, 'no unique flag on a plain index')
})

t.test('createIndexes creates several at once and reports the index counts', async t => {
  const c = coll('many')
  t.same(await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 }, name: 'b_idx' }]), ['a_1', 'b_idx'])
  t.match(await db.command({ createIndexes: 'fresh_coll', indexes: [{ key: { k: 1 }, name: 'k_1' }] }),
    { ok: 1, numIndexesBefore: 1, numIndexesAfter: 2, createdCollectionAutomatically: true })
  t.match(await db.command({ createIndexes: 'fresh_coll', indexes: [{ key: { k: 1 }, name: 'k_1' }, { key: { j: 1 }, name: 'j_1' }] }),
    { ok: 1, numIndexesBefore: 2, numIndexesAfter: 3, createdCollectionAutomatically: false })
  const again = await db.command({ createIndexes: 'fresh_coll', indexes: [{ key: { k: 1 }, name: 'k_1' }] })
  t.match(again, { ok: 1, numIndexesBefore: 3, numIndexesAfter: 3 }, 'an identical index is a no-op')
})

t.test('an index with the same keys under another name is IndexOptionsConflict', async t => {
  const c = coll('conflicts')
  await c.createIndex({ a: 1 }, { name: 'first' })
  await t.rejects(c.createIndex({ a: 1 }, { name: 'second' }), { code: 85, codeName: 'IndexOptionsConflict' })
})

t.test('an index name reused for other keys is IndexKeySpecsConflict', async t => {
  const c = coll('conflicts2')
  await c.createIndex({ a: 1 }, { name: 'shared' })
  await t.rejects(c.createIndex({ b: 1 }, { name: 'shared' }), { code: 86, codeName: 'IndexKeySpecsConflict' })
})

t.test('a unique index rejects duplicates with keyPattern and keyValue', async t => {
  const c = coll('unique_email')
  t.equal(await c.createIndex({ email: 1 }, { unique: true }), 'email_1')
  t.match(byName(await c.listIndexes().toArray()).email_1, { key: { email: 1 }, unique: true })
  await c.insertOne({ _id: 1, email: 'a@x' })
  await t.rejects(c.insertOne({ _id: 2, email: 'a@x' }), {
    code: 11000,
    keyPattern: { email: 1 },
    keyValue: { email: 'a@x' },
    message: `E11000 duplicate key error collection: ${dbName}.unique_email index: email_1 dup key: { email: "a@x" }`
  })
  await c.insertOne({ _id: 3, email: 'b@x' })
  await t.rejects(c.updateOne({ _id: 3 }, { $set: { email: 'a@x' } }), { code: 11000, keyValue: { email: 'a@x' } }, 'updates are checked too')
  await t.rejects(c.updateOne({ email: 'c@x' }, { $set: { email: 'b@x' } }, { upsert: true }), { code: 11000 }, 'and upserts')
  t.equal(await c.countDocuments(), 2)
})

t.test('a unique index treats missing fields as null', async t => {
  const c = coll('unique_missing')
  await c.createIndex({ email: 1 }, { unique: true })
  await c.insertOne({ _id: 1 })
  await t.rejects(c.insertOne({ _id: 2 }), { code: 11000, keyValue: { email: null } })
})

t.test('a compound unique index only rejects the same combination', async t => {
  const c = coll('unique_pair')
  await c.createIndex({ a: 1, b: 1 }, { unique: true })
  await c.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }])
  await t.rejects(c.insertOne({ a: 1, b: 2 }), { code: 11000, keyPattern: { a: 1, b: 1 }, keyValue: { a: 1, b: 2 } })
  t.equal(await c.countDocuments(), 3)
})

t.test('building a unique index over existing duplicates fails and leaves no index', async t => {
  const c = coll('unique_late')
  await c.insertMany([{ k: 1 }, { k: 1 }])
  await t.rejects(c.createIndex({ k: 1 }, { unique: true }), { code: 11000 })
  t.same((await c.listIndexes().toArray()).map(i => i.name), ['_id_'])
})

t.test('a sparse unique index ignores documents without the field', async t => {
  const c = coll('sparse')
  await c.createIndex({ nick: 1 }, { unique: true, sparse: true })
  t.match(byName(await c.listIndexes().toArray()).nick_1, { unique: true, sparse: true })
  await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, nick: 'n' }])
  await t.rejects(c.insertOne({ _id: 4, nick: 'n' }), { code: 11000 })
  t.same((await c.find({ nick: { $exists: false } }).sort({ _id: 1 }).toArray()).map(d => d._id), [1, 2])
})

t.test('a partial unique index only applies to documents matching its filter', async t => {
  const c = coll('partial')
  await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } })
  t.match(byName(await c.listIndexes().toArray()).email_1, { unique: true, partialFilterExpression: { active: true } })
  await c.insertMany([{ email: 'a', active: true }, { email: 'a', active: false }, { email: 'a' }])
  await t.rejects(c.insertOne({ email: 'a', active: true }), { code: 11000, keyValue: { email: 'a' } })
  t.equal(await c.countDocuments({ email: 'a' }), 3)
  t.equal(await c.countDocuments({ email: 'a', active: true }), 1, 'queries still see every document')
})

t.test('a TTL index lists its expireAfterSeconds', async t => {
  const c = coll('ttl_listing')
  t.equal(await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 }), 'expiresAt_1')
  t.match(byName(await c.listIndexes().toArray()).expiresAt_1, { key: { expiresAt: 1 }, expireAfterSeconds: 3600 })
})

t.test('dropIndex removes one index by name', async t => {
  const c = coll('drop_one')
  await c.createIndex({ a: 1 }, { unique: true })
  await c.createIndex({ b: 1 })
  t.match(await c.dropIndex('a_1'), { ok: 1, nIndexesWas: 3 })
  t.same((await c.listIndexes().toArray()).map(i => i.name).sort(), ['_id_', 'b_1'])
  await c.insertMany([{ a: 1 }, { a: 1 }])
  t.equal(await c.countDocuments({ a: 1 }), 2, 'the unique constraint went with the index')
})

t.test('dropIndex refuses a missing index and the _id index', async t => {
  const c = coll('drop_bad')
  await c.insertOne({ a: 1 })
  await t.rejects(c.dropIndex('nope_1'), { code: 27, codeName: 'IndexNotFound' })
  await t.rejects(c.dropIndex('_id_'), { code: 72, codeName: 'InvalidOptions' })
  t.same((await c.listIndexes().toArray()).map(i => i.name), ['_id_'])
})

t.test('dropIndexes removes every index but _id, or a listed set', async t => {
  const c = coll('drop_all')
  await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }])
  t.match(await db.command({ dropIndexes: 'drop_all', index: ['a_1', 'b_1'] }), { ok: 1, nIndexesWas: 4 })
  t.same((await c.listIndexes().toArray()).map(i => i.name).sort(), ['_id_', 'c_1'])
  await c.createIndex({ d: 1 })
  t.equal(await c.dropIndexes(), true)
  t.same((await c.listIndexes().toArray()).map(i => i.name), ['_id_'])
})

t.test('listIndexes on a missing collection is NamespaceNotFound', async t => {
  await t.rejects(coll('never_created').listIndexes().toArray(), { code: 26, codeName: 'NamespaceNotFound' })
})

t.test('the listIndexes command answers with a cursor', async t => {
  await coll('raw_list').createIndex({ z: 1 })
  const reply = await db.command({ listIndexes: 'raw_list' })
  t.equal(reply.ok, 1)
  t.equal(Number(reply.cursor.id), 0)
  t.same(reply.cursor.firstBatch.map((i: Document) => i.name), ['_id_', 'z_1'])
})

t.test('indexed queries return the same documents as unindexed ones', async t => {
  const c = coll('indexed_reads')
  await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, owner: `o${i % 3}`, at: i % 50, tag: i % 7 === 0 ? 'x' : 'y' })))
  await c.createIndex({ owner: 1, at: -1 })
  await c.createIndex({ tag: 1 })
  const expectIds = (filter: (i: number) => boolean): number[] => Array.from({ length: 300 }, (_, i) => i).filter(filter)
  t.same((await c.find({ _id: 17 }).toArray()).map(d => d._id), [17])
  t.same((await c.find({ _id: { $gte: 295 } }).sort({ _id: 1 }).toArray()).map(d => d._id), [295, 296, 297, 298, 299])
  t.same((await c.find({ owner: 'o1', at: { $gte: 45 } }).sort({ _id: 1 }).toArray()).map(d => d._id),
    expectIds(i => i % 3 === 1 && i % 50 >= 45))
  t.same((await c.find({ owner: 'o2' }).sort({ at: -1, _id: 1 }).limit(4).toArray()).map(d => d._id), [149, 299, 98, 248])
  t.equal(await c.countDocuments({ tag: 'x' }), expectIds(i => i % 7 === 0).length)
  t.same((await c.find({ owner: { $in: ['o0', 'o2'] }, at: 0 }).sort({ _id: 1 }).toArray()).map(d => d._id), [0, 50, 100, 150, 200, 250].filter(i => i % 3 !== 1))
})
