import { test } from 'tap'
import { MongoClient, ObjectId } from 'mongodb'
import { Collection } from '../../../lib/embedded-mongo/collection.js'
import { validateIndexSpec } from '../../../lib/embedded-mongo/indexes.js'
import { compileFilter } from '../../../lib/embedded-mongo/matcher.js'
import { parseSort, runQuery } from '../../../lib/embedded-mongo/planner.js'
import { startEmbeddedMongo } from '../../../lib/embedded-mongo/index.js'
import type { Doc } from '../../../lib/embedded-mongo/bson-values.js'

const OWNERS = 50
const PER_OWNER = 200

function conversations (): Collection {
  const coll = new Collection('db', 'conversations')
  coll.addIndex(validateIndexSpec({ key: { ownerId: 1, updatedAt: -1, _id: -1 }, name: 'page' }))
  coll.addIndex(validateIndexSpec({ key: { email: 1 }, name: 'email', unique: true }))
  coll.addIndex(validateIndexSpec({ key: { tags: 1 }, name: 'tags' }))
  for (let i = 0; i < OWNERS * PER_OWNER; i++) {
    coll.insert({ _id: i, ownerId: `o${i % OWNERS}`, updatedAt: new Date(1_700_000_000_000 + i * 1000), email: `u${i}@x`, tags: [`t${i % 7}`, `t${i % 11}`] })
  }
  return coll
}

function query (coll: Collection, filter: Doc, opts: { sort?: Doc, limit?: number, skip?: number } = {}): ReturnType<typeof runQuery> {
  return runQuery(coll, { filter, predicate: compileFilter(filter), sort: parseSort(opts.sort), limit: opts.limit, skip: opts.skip })
}

const coll = conversations()
const total = OWNERS * PER_OWNER

test('an _id equality is a direct lookup that examines one document', async (t) => {
  const r = query(coll, { _id: 1234 })
  t.equal(r.plan.stage, 'IDHACK')
  t.same(r.rids.length, 1)
  t.equal(r.stats.docsExamined, 1)
  const many = query(coll, { _id: { $in: [1, 2, 3, 99999] } })
  t.equal(many.rids.length, 3)
  t.equal(many.stats.docsExamined, 3)
})

test('an equality on a unique index examines one key and one document', async (t) => {
  const r = query(coll, { email: 'u777@x' })
  t.equal(r.plan.stage, 'IXSCAN')
  t.equal(r.plan.indexName, 'email')
  t.equal(r.stats.docsExamined, 1)
  t.equal(r.stats.keysExamined, 1)
})

test('a page sorted like the compound index walks it in order and stops after the limit', async (t) => {
  const r = query(coll, { ownerId: 'o7' }, { sort: { updatedAt: -1, _id: -1 }, limit: 20 })
  t.equal(r.plan.indexName, 'page')
  t.ok(r.plan.sortProvided)
  t.equal(r.stats.docsExamined, 20, 'only the returned documents are fetched')
  t.equal(r.stats.keysExamined, 20)
  const docs = r.rids.map((rid) => coll.docs.get(rid) as Doc)
  t.ok(docs.every((d) => d.ownerId === 'o7'))
  const times = docs.map((d) => (d.updatedAt as Date).getTime())
  t.same(times, [...times].sort((a, b) => b - a), 'newest first')
  t.equal(docs[0]._id, total - OWNERS + 7)
})

test('the reverse sort walks the same index backwards', async (t) => {
  const r = query(coll, { ownerId: 'o7' }, { sort: { updatedAt: 1, _id: 1 }, limit: 5 })
  t.equal(r.plan.direction, 'backward')
  t.equal(r.stats.docsExamined, 5)
  t.equal((coll.docs.get(r.rids[0]) as Doc)._id, 7)
})

test('a cursor page continues from a range on the next index field', async (t) => {
  const first = query(coll, { ownerId: 'o3' }, { sort: { updatedAt: -1, _id: -1 }, limit: 20 })
  const last = coll.docs.get(first.rids[19]) as Doc
  const next = query(coll, {
    ownerId: 'o3',
    $or: [{ updatedAt: { $lt: last.updatedAt } }, { updatedAt: last.updatedAt, _id: { $lt: last._id } }]
  }, { sort: { updatedAt: -1, _id: -1 }, limit: 20 })
  t.equal(next.plan.indexName, 'page')
  t.ok(next.stats.docsExamined <= 41, `bounded by the owner prefix and the limit (${next.stats.docsExamined})`)
  t.equal(new Set([...first.rids, ...next.rids]).size, 40)
  const range = query(coll, { ownerId: 'o3', updatedAt: { $lt: last.updatedAt } }, { sort: { updatedAt: -1, _id: -1 }, limit: 20 })
  t.equal(range.stats.docsExamined, 20, 'a range right after the equality prefix seeks directly')
  t.same(range.rids, next.rids)
})

test('ranges and $in use index bounds instead of scanning the collection', async (t) => {
  const r = query(coll, { email: { $in: ['u1@x', 'u2@x', 'nobody'] } })
  t.equal(r.rids.length, 2)
  t.ok(r.stats.docsExamined <= 2)
  const prefix = query(coll, { ownerId: { $in: ['o1', 'o2'] } })
  t.equal(prefix.rids.length, 2 * PER_OWNER)
  t.equal(prefix.stats.docsExamined, 2 * PER_OWNER)
  const range = query(coll, { _id: { $gte: 10, $lt: 15 } })
  t.equal(range.rids.length, 5)
  t.ok(range.stats.docsExamined <= 5)
})

test('a multikey index finds documents by any element, once each', async (t) => {
  const r = query(coll, { tags: { $in: ['t3', 't5'] } })
  const expected = [...coll.docs.values()].filter((d) => (d.tags as string[]).some((x) => x === 't3' || x === 't5')).length
  t.equal(r.rids.length, expected)
  t.equal(new Set(r.rids).size, r.rids.length)
  t.ok(r.stats.docsExamined < total / 2)
})

test('a filter no index serves scans the collection', async (t) => {
  const r = query(coll, { nope: 1 })
  t.equal(r.plan.stage, 'COLLSCAN')
  t.equal(r.stats.docsExamined, total)
})

test('explain through the driver reports the plan and what it examined', async (t) => {
  const mongo = await startEmbeddedMongo()
  const client = new MongoClient(mongo.uri)
  t.teardown(async () => {
    await client.close()
    await mongo.close()
  })
  const c = client.db('plan').collection('conversations')
  await c.createIndex({ ownerId: 1, updatedAt: -1, _id: -1 })
  await c.insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: new ObjectId(), ownerId: `o${i % 10}`, updatedAt: new Date(i * 1000) })))
  const explained = await c.find({ ownerId: 'o4' }).sort({ updatedAt: -1, _id: -1 }).limit(20).explain('executionStats')
  t.match(explained.queryPlanner.winningPlan, { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'ownerId_1_updatedAt_-1__id_-1' } })
  t.equal(explained.executionStats.totalDocsExamined, 20)
  t.equal(explained.executionStats.nReturned, 20)
})
