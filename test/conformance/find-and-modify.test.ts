import t from 'tap'
import { ObjectId, type Collection, type Document } from 'mongodb'
import type { Doc } from './harness.js'
import { connect } from './harness.js'

const { db, dbName, coll } = await connect(t, 'fam')

let fresh = 0
async function seeded (docs: Document[]): Promise<Collection<Doc>> {
  const c = coll(`fam_${++fresh}`)
  if (docs.length > 0) await c.insertMany(docs)
  return c
}

t.test('findOneAndUpdate returns the document before the update by default', async t => {
  const c = await seeded([{ _id: 1, v: 1 }])
  t.same(await c.findOneAndUpdate({ _id: 1 }, { $inc: { v: 1 } }), { _id: 1, v: 1 })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, v: 2 })
})

t.test('returnDocument after returns the updated document', async t => {
  const c = await seeded([{ _id: 1, v: 1, tags: [] }])
  const update: Document = { $inc: { v: 5 }, $push: { tags: 'x' } }
  t.same(await c.findOneAndUpdate({ _id: 1 }, update, { returnDocument: 'after' }),
    { _id: 1, v: 6, tags: ['x'] })
  t.same(await c.findOneAndUpdate({ _id: 1 }, { $set: { v: 0 } }, { returnDocument: 'before' }), { _id: 1, v: 6, tags: ['x'] })
})

t.test('no match returns null and writes nothing', async t => {
  const c = await seeded([{ _id: 1, v: 1 }])
  t.equal(await c.findOneAndUpdate({ _id: 2 }, { $set: { v: 9 } }, { returnDocument: 'after' }), null)
  t.equal(await c.findOneAndReplace({ _id: 2 }, { v: 9 }), null)
  t.equal(await c.findOneAndDelete({ _id: 2 }), null)
  t.equal(await c.countDocuments(), 1)
})

t.test('upsert returns the inserted document after, and null before', async t => {
  const c = await seeded([])
  const inserted = await c.findOneAndUpdate({ key: 'a' }, { $set: { v: 1 }, $setOnInsert: { created: true } },
    { upsert: true, returnDocument: 'after' })
  t.ok(inserted?._id instanceof ObjectId)
  t.match(inserted, { key: 'a', v: 1, created: true })
  t.equal(await c.findOneAndUpdate({ key: 'b' }, { $set: { v: 2 } }, { upsert: true, returnDocument: 'before' }), null)
  t.equal(await c.countDocuments({ key: 'b', v: 2 }), 1, 'the before-upsert still inserted')
})

t.test('sort decides which of several matches is modified', async t => {
  const c = await seeded([{ _id: 1, q: 'x', p: 5 }, { _id: 2, q: 'x', p: 9 }, { _id: 3, q: 'x', p: 1 }])
  t.equal((await c.findOneAndUpdate({ q: 'x' }, { $set: { taken: true } }, { sort: { p: -1 }, returnDocument: 'after' }))?._id, 2)
  t.equal((await c.findOneAndUpdate({ q: 'x', taken: { $exists: false } }, { $set: { taken: true } }, { sort: { p: 1 } }))?._id, 3)
  t.equal((await c.findOneAndDelete({ q: 'x' }, { sort: { p: -1 } }))?._id, 2)
  t.equal((await c.findOneAndReplace({ q: 'x' }, { q: 'y' }, { sort: { _id: -1 } }))?._id, 3)
})

t.test('projection shapes the returned document only', async t => {
  const c = await seeded([{ _id: 1, a: 1, b: 2, c: 3 }])
  t.same(await c.findOneAndUpdate({ _id: 1 }, { $inc: { a: 1 } }, { projection: { a: 1, _id: 0 }, returnDocument: 'after' }), { a: 2 })
  t.same(await c.findOneAndDelete({ _id: 1 }, { projection: { c: 0 } }), { _id: 1, a: 2, b: 2 })
})

t.test('includeResultMetadata exposes lastErrorObject', async t => {
  const c = await seeded([{ _id: 1, v: 1 }])
  const updated = await c.findOneAndUpdate({ _id: 1 }, { $inc: { v: 1 } }, { includeResultMetadata: true, returnDocument: 'after' })
  t.match(updated, { ok: 1, value: { _id: 1, v: 2 }, lastErrorObject: { n: 1, updatedExisting: true } })
  t.notOk('upserted' in (updated.lastErrorObject ?? {}))

  const upserted = await c.findOneAndUpdate({ _id: 5 }, { $set: { v: 5 } }, { includeResultMetadata: true, upsert: true })
  t.match(upserted, { ok: 1, value: null, lastErrorObject: { n: 1, updatedExisting: false, upserted: 5 } })

  const deleted = await c.findOneAndDelete({ _id: 1 }, { includeResultMetadata: true })
  t.match(deleted, { ok: 1, value: { _id: 1, v: 2 }, lastErrorObject: { n: 1 } })
})

t.test('findOneAndReplace replaces the body, keeps _id and can upsert', async t => {
  const c = await seeded([{ _id: 1, a: 1, b: 1 }])
  t.same(await c.findOneAndReplace({ _id: 1 }, { c: 3 }, { returnDocument: 'after' }), { _id: 1, c: 3 })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, c: 3 })
  t.same(await c.findOneAndReplace({ _id: 2 }, { d: 4 }, { upsert: true, returnDocument: 'after' }), { _id: 2, d: 4 })
})

t.test('findOneAndDelete removes and returns exactly one document', async t => {
  const c = await seeded([{ _id: 1, k: 'a' }, { _id: 2, k: 'a' }])
  const gone = await c.findOneAndDelete({ k: 'a' }, { sort: { _id: 1 } })
  t.same(gone, { _id: 1, k: 'a' })
  t.same(await c.find().toArray(), [{ _id: 2, k: 'a' }])
})

t.test('the findAndModify command reply has value and lastErrorObject', async t => {
  const c = await seeded([{ _id: 1, v: 1 }, { _id: 2, v: 2 }])
  t.match(await db.command({ findAndModify: c.collectionName, query: { _id: 1 }, update: { $inc: { v: 10 } }, new: true, fields: { v: 1 } }),
    { ok: 1, value: { _id: 1, v: 11 }, lastErrorObject: { n: 1, updatedExisting: true } })
  t.match(await db.command({ findAndModify: c.collectionName, query: { _id: 9 }, update: { $set: { v: 9 } } }),
    { ok: 1, value: null, lastErrorObject: { n: 0, updatedExisting: false } })
  t.match(await db.command({ findAndModify: c.collectionName, query: { _id: 8 }, update: { $set: { v: 8 } }, upsert: true, new: true }),
    { ok: 1, value: { _id: 8, v: 8 }, lastErrorObject: { n: 1, updatedExisting: false, upserted: 8 } })
  t.match(await db.command({ findAndModify: c.collectionName, query: {}, sort: { v: -1 }, remove: true }),
    { ok: 1, value: { _id: 1, v: 11 }, lastErrorObject: { n: 1 } })
  t.match(await db.command({ findAndModify: c.collectionName, query: { _id: 1 }, remove: true }),
    { ok: 1, value: null, lastErrorObject: { n: 0 } })
})

t.test('arrayFilters and pipeline updates work through findOneAndUpdate', async t => {
  const c = await seeded([{ _id: 1, a: [1, 5, 9], x: 2, y: 3 }])
  t.same(await c.findOneAndUpdate({ _id: 1 }, { $set: { 'a.$[big]': 0 } }, { arrayFilters: [{ big: { $gt: 4 } }], returnDocument: 'after' }),
    { _id: 1, a: [1, 0, 0], x: 2, y: 3 })
  t.same(await c.findOneAndUpdate({ _id: 1 }, [{ $set: { sum: { $add: ['$x', '$y'] } } }], { returnDocument: 'after', projection: { sum: 1 } }),
    { _id: 1, sum: 5 })
})

t.test('a duplicate key in findOneAndUpdate is a DuplicateKey command error', async t => {
  const c = await seeded([{ _id: 1, email: 'a' }, { _id: 2, email: 'b' }])
  await c.createIndex({ email: 1 }, { unique: true })
  await t.rejects(c.findOneAndUpdate({ _id: 2 }, { $set: { email: 'a' } }), {
    code: 11000,
    codeName: 'DuplicateKey',
    keyPattern: { email: 1 },
    keyValue: { email: 'a' },
    message: `E11000 duplicate key error collection: ${dbName}.${c.collectionName} index: email_1 dup key: { email: "a" }`
  })
  t.same(await c.findOne({ _id: 2 }), { _id: 2, email: 'b' })
})

t.test('concurrent $inc through findOneAndUpdate hands out every value exactly once', async t => {
  const c = await seeded([{ _id: 'counter', n: 0 }])
  const values = await Promise.all(Array.from({ length: 100 }, async () =>
    (await c.findOneAndUpdate({ _id: 'counter' }, { $inc: { n: 1 } }, { returnDocument: 'after' }))?.n))
  t.same([...values].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1))
  t.same(await c.findOne({ _id: 'counter' }), { _id: 'counter', n: 100 })
})
