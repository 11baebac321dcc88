import t from 'tap'
import { ObjectId, Timestamp, type Document, type UpdateOptions, type UpdateResult } from 'mongodb'
import { connect } from './harness.js'

const { coll } = await connect(t, 'updops')
const ops = coll('ops')

interface Applied { doc: Document | null, result: UpdateResult }

// Stores `start` under a fresh _id, applies one updateOne to it and returns the stored result without _id.
async function apply (start: Document, update: Document | Document[], options: UpdateOptions & { filter?: Document } = {}): Promise<Applied> {
  const _id = new ObjectId()
  await ops.insertOne({ _id, ...start })
  const { filter, ...updateOptions } = options
  const result = await ops.updateOne({ _id, ...filter }, update, updateOptions)
  return { doc: await ops.findOne({ _id }, { projection: { _id: 0 } }), result }
}

const after = async (start: Document, update: Document | Document[], options?: UpdateOptions & { filter?: Document }): Promise<Document | null> =>
  (await apply(start, update, options)).doc

t.test('$set writes top-level, nested and array-index paths', async t => {
  t.same(await after({ a: 1 }, { $set: { a: 2, b: 'x' } }), { a: 2, b: 'x' })
  t.same(await after({}, { $set: { 'x.y.z': 1 } }), { x: { y: { z: 1 } } }, 'creates intermediate documents')
  t.same(await after({ x: { y: 1, k: 2 } }, { $set: { 'x.y': 5 } }), { x: { y: 5, k: 2 } })
  t.same(await after({ arr: [1, 2, 3] }, { $set: { 'arr.1': 'two' } }), { arr: [1, 'two', 3] })
  t.same(await after({ arr: [1] }, { $set: { 'arr.3': 4 } }), { arr: [1, null, null, 4] }, 'pads with null')
  t.same(await after({ a: 1 }, { $set: { a: { deep: [1, { b: 2 }] } } }), { a: { deep: [1, { b: 2 }] } })
})

t.test('$unset removes fields and nulls array elements', async t => {
  t.same(await after({ a: 1, b: 2, n: { x: 1, y: 2 } }, { $unset: { a: '', 'n.x': 1 } }), { b: 2, n: { y: 2 } })
  t.same(await after({ arr: [1, 2, 3] }, { $unset: { 'arr.1': '' } }), { arr: [1, null, 3] })
  const missing = await apply({ a: 1 }, { $unset: { zzz: '' } })
  t.equal(missing.result.modifiedCount, 0, 'unsetting a missing field changes nothing')
})

t.test('$inc adds to numbers and creates missing fields', async t => {
  t.same(await after({ n: 5, m: { k: 1 } }, { $inc: { n: -2, 'm.k': 10, fresh: 3 } }), { n: 3, m: { k: 11 }, fresh: 3 })
  t.same(await after({ n: 1 }, { $inc: { n: 0.5 } }), { n: 1.5 })
})

t.test('$mul multiplies and sets missing fields to zero', async t => {
  t.same(await after({ price: 10, q: 3 }, { $mul: { price: 1.5, q: 2, missing: 4 } }), { price: 15, q: 6, missing: 0 })
})

t.test('$min and $max only move a value in their direction', async t => {
  t.same(await after({ lo: 5, hi: 5 }, { $min: { lo: 3, hi: 3 } }), { lo: 3, hi: 3 })
  t.same(await after({ lo: 5, hi: 5 }, { $max: { lo: 3, hi: 8, fresh: 1 } }), { lo: 5, hi: 8, fresh: 1 })
  const unchanged = await apply({ v: 5 }, { $min: { v: 7 } })
  t.equal(unchanged.result.modifiedCount, 0)
  const d1 = new Date('2024-01-01T00:00:00Z')
  const d2 = new Date('2025-01-01T00:00:00Z')
  t.same(await after({ seen: d1 }, { $max: { seen: d2 } }), { seen: d2 })
})

t.test('$rename moves fields, including out of sub-documents', async t => {
  t.same(await after({ a: 1, b: 2 }, { $rename: { a: 'z' } }), { b: 2, z: 1 })
  t.same(await after({ n: { inner: 1, keep: 2 } }, { $rename: { 'n.inner': 'top' } }), { n: { keep: 2 }, top: 1 })
  t.same(await after({ a: 1, b: 2 }, { $rename: { a: 'b' } }), { b: 1 }, 'overwrites the target')
  const missing = await apply({ a: 1 }, { $rename: { nope: 'other' } })
  t.equal(missing.result.modifiedCount, 0)
  t.same(missing.doc, { a: 1 })
})

t.test('$push appends, with $each, $position, $sort and $slice modifiers', async t => {
  t.same(await after({ a: [1] }, { $push: { a: 2 } }), { a: [1, 2] })
  t.same(await after({}, { $push: { a: 'x' } }), { a: ['x'] }, 'creates the array')
  t.same(await after({ a: [1] }, { $push: { a: [2, 3] } }), { a: [1, [2, 3]] }, 'an array value is one element')
  t.same(await after({ a: [1] }, { $push: { a: { $each: [2, 3] } } }), { a: [1, 2, 3] })
  t.same(await after({ a: ['x', 'y'] }, { $push: { a: { $each: ['a', 'b'], $position: 1 } } }), { a: ['x', 'a', 'b', 'y'] })
  t.same(await after({ a: ['x', 'y'] }, { $push: { a: { $each: ['a'], $position: 0 } } }), { a: ['a', 'x', 'y'] })
  t.same(await after({ a: [1, 2, 3] }, { $push: { a: { $each: [4, 5], $slice: -3 } } }), { a: [3, 4, 5] })
  t.same(await after({ a: [1, 2, 3] }, { $push: { a: { $each: [4], $slice: 2 } } }), { a: [1, 2] })
  t.same(await after({ a: [1, 2] }, { $push: { a: { $each: [], $slice: 0 } } }), { a: [] })
  t.same(await after({ s: [89, 90, 40] }, { $push: { s: { $each: [50, 60, 70], $sort: -1, $slice: 3 } } }), { s: [90, 89, 70] })
  t.same(await after({ q: [{ n: 'b', v: 2 }, { n: 'a', v: 9 }] }, { $push: { q: { $each: [{ n: 'c', v: 5 }], $sort: { v: 1 } } } }),
    { q: [{ n: 'b', v: 2 }, { n: 'c', v: 5 }, { n: 'a', v: 9 }] })
})

t.test('$addToSet adds only values that are not present', async t => {
  t.same(await after({ a: [1, 2] }, { $addToSet: { a: 2 } }), { a: [1, 2] })
  t.same(await after({ a: [1, 2] }, { $addToSet: { a: 3 } }), { a: [1, 2, 3] })
  t.same(await after({ a: [1, 2, 3] }, { $addToSet: { a: { $each: [3, 4, 4, 5] } } }), { a: [1, 2, 3, 4, 5] })
  t.same(await after({}, { $addToSet: { a: 'x' } }), { a: ['x'] })
  t.same(await after({ a: [{ x: 1, y: 2 }] }, { $addToSet: { a: { y: 2, x: 1 } } }), { a: [{ x: 1, y: 2 }, { y: 2, x: 1 }] },
    'documents with another field order are different values')
  const noop = await apply({ a: ['k'] }, { $addToSet: { a: 'k' } })
  t.equal(noop.result.modifiedCount, 0)
})

t.test('$pull removes matching values and documents, $pullAll removes listed values', async t => {
  t.same(await after({ a: [1, 2, 1, 3] }, { $pull: { a: 1 } }), { a: [2, 3] })
  t.same(await after({ a: [3, 6, 9, 2] }, { $pull: { a: { $gte: 6 } } }), { a: [3, 2] })
  t.same(await after({ a: ['x', 'y', 'z'] }, { $pull: { a: { $in: ['x', 'z'] } } }), { a: ['y'] })
  t.same(await after({ items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 9 }, { sku: 'c', qty: 3 }] }, { $pull: { items: { qty: { $lt: 5 } } } }),
    { items: [{ sku: 'b', qty: 9 }] })
  t.same(await after({ items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 9 }] }, { $pull: { items: { sku: 'a' } } }),
    { items: [{ sku: 'b', qty: 9 }] }, 'a document condition matches elements with extra fields')
  t.same(await after({ a: [0, 2, 5, 5, 1, 0] }, { $pullAll: { a: [0, 5] } }), { a: [2, 1] })
  const noop = await apply({ a: [1] }, { $pull: { a: 7 } })
  t.equal(noop.result.modifiedCount, 0)
})

t.test('$pop removes the last or the first element', async t => {
  t.same(await after({ a: [1, 2, 3] }, { $pop: { a: 1 } }), { a: [1, 2] })
  t.same(await after({ a: [1, 2, 3] }, { $pop: { a: -1 } }), { a: [2, 3] })
  t.same(await after({ a: [] }, { $pop: { a: 1 } }), { a: [] })
})

t.test('$currentDate sets a Date or a Timestamp', async t => {
  const doc = await after({ a: 1 }, { $currentDate: { touched: true, d: { $type: 'date' }, ts: { $type: 'timestamp' } } })
  t.ok(doc?.touched instanceof Date, 'true means Date')
  t.ok(doc?.d instanceof Date)
  t.ok(doc?.ts instanceof Timestamp)
  t.ok(doc !== null && doc.touched.getTime() > Date.parse('2024-01-01'))
  t.ok(doc !== null && doc.ts.t > Date.parse('2024-01-01') / 1000, 'seconds since the epoch')
})

t.test('$setOnInsert applies only when an upsert inserts', async t => {
  const c = coll('set_on_insert')
  const created = new Date('2024-05-01T00:00:00Z')
  const first = await c.updateOne({ _id: 'k' }, { $set: { v: 1 }, $setOnInsert: { createdAt: created } }, { upsert: true })
  t.equal(first.upsertedCount, 1)
  const second = await c.updateOne({ _id: 'k' }, { $set: { v: 2 }, $setOnInsert: { createdAt: new Date() } }, { upsert: true })
  t.equal(second.upsertedCount, 0)
  t.same(await c.findOne({ _id: 'k' }), { _id: 'k', v: 2, createdAt: created })
  const plain = await c.updateOne({ _id: 'k' }, { $setOnInsert: { other: 1 } })
  t.equal(plain.modifiedCount, 0, 'ignored without an insert')
})

t.test('positional $ updates the first matched element', async t => {
  t.same(await after({ g: [85, 80, 80] }, { $set: { 'g.$': 82 } }, { filter: { g: 80 } }), { g: [85, 82, 80] })
  t.same(await after({ items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] }, { $inc: { 'items.$.qty': 10 } }, { filter: { 'items.sku': 'b' } }),
    { items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 12 }] })
  t.same(await after({ items: [{ k: 1, v: 1 }, { k: 2, v: 5 }, { k: 2, v: 9 }] }, { $set: { 'items.$.hit': true } },
    { filter: { items: { $elemMatch: { k: 2, v: { $gt: 6 } } } } }),
  { items: [{ k: 1, v: 1 }, { k: 2, v: 5 }, { k: 2, v: 9, hit: true }] })
})

t.test('all-positional $[] updates every element', async t => {
  t.same(await after({ g: [1, 2, 3] }, { $inc: { 'g.$[]': 10 } }), { g: [11, 12, 13] })
  t.same(await after({ items: [{ q: 1 }, { q: 2 }] }, { $set: { 'items.$[].done': true } }),
    { items: [{ q: 1, done: true }, { q: 2, done: true }] })
})

t.test('filtered positional $[id] updates the elements selected by arrayFilters', async t => {
  t.same(await after({ g: [95, 102, 90, 150] }, { $set: { 'g.$[big]': 100 } }, { arrayFilters: [{ big: { $gte: 100 } }] }),
    { g: [95, 100, 90, 100] })
  t.same(await after({ items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }, { sku: 'c', qty: 3 }] },
    { $set: { 'items.$[i].qty': 0 } }, { arrayFilters: [{ 'i.sku': { $in: ['a', 'c'] } }] }),
  { items: [{ sku: 'a', qty: 0 }, { sku: 'b', qty: 2 }, { sku: 'c', qty: 0 }] })
  t.same(await after({ m: [{ r: [1, 5] }, { r: [7, 2] }] }, { $inc: { 'm.$[].r.$[x]': 100 } }, { arrayFilters: [{ x: { $gt: 4 } }] }),
    { m: [{ r: [1, 105] }, { r: [107, 2] }] }, 'nested positional operators')

  const c = coll('array_filters_many')
  await c.insertMany([{ k: 1, a: [1, 9] }, { k: 2, a: [9, 9] }, { k: 3, a: [1] }])
  const res = await c.updateMany({}, { $set: { 'a.$[e]': 0 } }, { arrayFilters: [{ e: 9 }] })
  t.match(res, { matchedCount: 3, modifiedCount: 2 })
  t.same((await c.find({}, { sort: { k: 1 } }).toArray()).map(d => d.a), [[1, 0], [0, 0], [1]])
})

t.test('pipeline-style updates compute from the current document', async t => {
  t.same(await after({ a: 2, b: 3, name: 'n', tmp: 1 }, [
    { $set: { total: { $add: ['$a', '$b'] }, label: { $concat: ['$name', '-x'] } } },
    { $unset: 'tmp' }
  ]), { a: 2, b: 3, name: 'n', total: 5, label: 'n-x' })
  t.same(await after({ a: 2 }, [{ $set: { a: { $multiply: ['$a', 10] }, big: { $gt: ['$a', 1] } } }]), { a: 20, big: true },
    'stage expressions see the document as it was before the stage')
  t.same(await after({ a: 1, b: 2 }, [{ $project: { b: 1 } }]), { b: 2 })
  t.same(await after({ a: 1, n: { x: 1 } }, [{ $replaceWith: { $mergeObjects: ['$n', { kept: '$a' }] } }]), { x: 1, kept: 1 })
})

t.test('several operators combine in one update', async t => {
  const res = await apply({ n: 1, tags: ['a'], old: true }, { $inc: { n: 1 }, $push: { tags: 'b' }, $unset: { old: '' }, $set: { s: 'x' } })
  t.same(res.doc, { n: 2, tags: ['a', 'b'], s: 'x' })
  t.match(res.result, { matchedCount: 1, modifiedCount: 1 })
})
