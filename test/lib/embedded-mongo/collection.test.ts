import { test } from 'tap'
import { Collection } from '../../../lib/embedded-mongo/collection.js'
import { validateIndexSpec } from '../../../lib/embedded-mongo/indexes.js'
import { compileFilter } from '../../../lib/embedded-mongo/matcher.js'
import { runQuery } from '../../../lib/embedded-mongo/planner.js'
import type { Doc } from '../../../lib/embedded-mongo/bson-values.js'

function withIndexes (...specs: Doc[]): Collection {
  const coll = new Collection('db', 'c')
  for (const s of specs) coll.addIndex(validateIndexSpec(s))
  return coll
}

const find = (coll: Collection, filter: Doc): unknown[] =>
  runQuery(coll, { filter, predicate: compileFilter(filter) }).rids.map((r) => (coll.docs.get(r) as Doc)._id)

test('a unique violation on a secondary index leaves no trace of the insert', async (t) => {
  const coll = withIndexes({ key: { a: 1 }, name: 'a_1' }, { key: { email: 1 }, name: 'email_1', unique: true })
  coll.insert({ _id: 1, a: 5, email: 'x' })
  t.throws(() => coll.insert({ _id: 2, a: 5, email: 'x' }), {
    code: 11000,
    message: 'E11000 duplicate key error collection: db.c index: email_1 dup key: { email: "x" }',
    extra: { keyPattern: { email: 1 }, keyValue: { email: 'x' } }
  })
  t.equal(coll.size, 1)
  t.same(find(coll, { a: 5 }), [1], 'the other index has no entry for the rejected document')
  t.same(find(coll, { _id: 2 }), [])
})

test('a replacement that would violate a unique index changes nothing', async (t) => {
  const coll = withIndexes({ key: { email: 1 }, name: 'email_1', unique: true })
  coll.insert({ _id: 1, email: 'a' })
  const rid = coll.insert({ _id: 2, email: 'b' })
  t.throws(() => coll.replace(rid, { _id: 2, email: 'a' }), { code: 11000 })
  t.same(find(coll, { email: 'b' }), [2])
  coll.replace(rid, { _id: 2, email: 'c' })
  t.same(find(coll, { email: 'b' }), [])
  t.same(find(coll, { email: 'c' }), [2])
})

test('missing fields are null for unique indexes unless the index is sparse or partial', async (t) => {
  const unique = withIndexes({ key: { k: 1 }, name: 'k_1', unique: true })
  unique.insert({ _id: 1 })
  t.throws(() => unique.insert({ _id: 2 }), { code: 11000 })
  const sparse = withIndexes({ key: { k: 1 }, name: 'k_1', unique: true, sparse: true })
  sparse.insert({ _id: 1 })
  sparse.insert({ _id: 2 })
  t.equal(sparse.size, 2)
  const partial = withIndexes({ key: { k: 1 }, name: 'k_1', unique: true, partialFilterExpression: { live: true } })
  partial.insert({ _id: 1, k: 1, live: false })
  partial.insert({ _id: 2, k: 1, live: true })
  t.throws(() => partial.insert({ _id: 3, k: 1, live: true }), { code: 11000 })
})

test('building a unique index over duplicates fails and leaves the collection without it', async (t) => {
  const coll = withIndexes()
  coll.insert({ _id: 1, v: 1 })
  coll.insert({ _id: 2, v: 1 })
  t.throws(() => coll.addIndex(validateIndexSpec({ key: { v: 1 }, name: 'v_1', unique: true })), { code: 11000 })
  t.same(coll.indexes.map((i) => i.name), ['_id_'])
})

test('arrays are indexed per element and parallel arrays are refused', async (t) => {
  const coll = withIndexes({ key: { a: 1, b: 1 }, name: 'ab' })
  coll.insert({ _id: 1, a: [1, 2], b: 3 })
  t.ok(coll.indexes[1].multikey)
  t.same(find(coll, { a: 2, b: 3 }), [1])
  t.throws(() => coll.insert({ _id: 2, a: [1], b: [2, 3] }), { code: 171, codeName: 'CannotIndexParallelArrays' })
  t.equal(coll.size, 1)
})

test('index specs are validated like createIndexes does', async (t) => {
  t.throws(() => validateIndexSpec({ key: {} }), { code: 67 })
  t.throws(() => validateIndexSpec({ key: { a: 0 } }), { code: 67 })
  t.throws(() => validateIndexSpec({ key: { a: 'text' } }), { code: 238 })
  t.throws(() => validateIndexSpec({ key: { a: 1 }, bogus: true }), { code: 197 })
  t.throws(() => validateIndexSpec({ key: { a: 1, b: 1 }, expireAfterSeconds: 5 }), { code: 67 })
  t.same(validateIndexSpec({ key: { a: 1, b: -1 } }), { v: 2, key: { a: 1, b: -1 }, name: 'a_1_b_-1' })
})
