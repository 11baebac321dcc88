import t from 'tap'
import type { Collection, Document } from 'mongodb'
import { connect, type Doc } from './harness.js'

// A hint names the index a query must use (by name or key pattern) or { $natural: ±1 }. It picks the
// plan, not the answer, except that an index can only return the documents it holds; naming no index
// is BadValue (2). Reads, writes, counts and aggregations all take one.
const { coll } = await connect(t, 'hint')

const DOCS = [
  { _id: 1, k: 3, n: 'c', tag: 'x' },
  { _id: 2, k: 1, n: 'a' },
  { _id: 3, k: 2, n: 'b', tag: 'y' },
  { _id: 4, k: 2, n: 'd' }
]
const NO_INDEX = { code: 2, codeName: 'BadValue', message: /hint provided does not correspond to an existing index/ }

let fresh = 0
async function seeded (): Promise<Collection<Doc>> {
  const c = coll(`hint_${++fresh}`)
  await c.insertMany(DOCS.map((d) => ({ ...d })))
  await c.createIndexes([{ key: { k: 1 } }, { key: { k: 1, n: 1 } }, { key: { tag: 1 }, sparse: true }])
  return c
}

// Every index a plan reads, wherever it sits in the plan tree (queryPlan wraps it when SBE runs the query).
function indexesIn (plan: unknown): string[] {
  if (typeof plan !== 'object' || plan === null) return []
  const stage = plan as Document
  const own = typeof stage.indexName === 'string' ? [stage.indexName] : []
  const children = [stage.queryPlan, stage.inputStage, ...(Array.isArray(stage.inputStages) ? stage.inputStages : [])]
  return [...own, ...children.flatMap(indexesIn)]
}

t.test('find gives the same documents whichever index or scan is hinted', async t => {
  const c = await seeded()
  const filter = { k: { $gte: 2 } }
  const expected = await c.find(filter).sort({ n: 1 }).toArray()
  t.same(expected.map((d) => d._id), [3, 1, 4])
  for (const hint of ['k_1', { k: 1 }, 'k_1_n_1', { k: 1, n: 1 }, { _id: 1 }, '_id_', { $natural: 1 }, { $natural: -1 }]) {
    t.same(await c.find(filter).sort({ n: 1 }).hint(hint).toArray(), expected, `hint ${JSON.stringify(hint)}`)
  }
  t.same(await c.find({ _id: 3 }, { hint: { k: 1 } }).toArray(), [DOCS[2]], 'an _id lookup hinted to another index')
})

t.test('explain names the hinted index', async t => {
  const c = await seeded()
  const explained = await c.find({ k: 2 }).hint('k_1_n_1').explain()
  t.same(indexesIn(explained.queryPlanner.winningPlan), ['k_1_n_1'])
})

t.test('a hinted sparse index holds, and so returns, only the documents that have its field', async t => {
  const c = await seeded()
  t.same((await c.find({}).hint({ tag: 1 }).toArray()).map((d) => d._id).sort(), [1, 3])
  t.equal((await c.find({}).toArray()).length, 4, 'without the hint every document')
})

t.test('writes, counts and aggregations take a hint and act as without one', async t => {
  const c = await seeded()
  t.equal((await c.updateOne({ k: 2 }, { $set: { one: true } }, { hint: { k: 1 } })).modifiedCount, 1, 'updateOne')
  t.equal((await c.updateMany({ k: 2 }, { $set: { many: true } }, { hint: 'k_1_n_1' })).modifiedCount, 2, 'updateMany')
  t.equal((await c.replaceOne({ _id: 2 }, { k: 1, n: 'a', replaced: true }, { hint: { k: 1 } })).modifiedCount, 1, 'replaceOne')
  t.match(await c.findOneAndUpdate({ k: 3 }, { $set: { fam: true } }, { hint: { k: 1 }, returnDocument: 'after' }), { _id: 1, fam: true }, 'findOneAndUpdate')
  t.equal(await c.countDocuments({ k: 2 }, { hint: { k: 1 } }), 2, 'countDocuments')
  t.same(await c.aggregate([{ $match: { k: { $lt: 3 } } }, { $group: { _id: null, n: { $sum: 1 } } }], { hint: 'k_1' }).toArray(),
    [{ _id: null, n: 3 }], 'aggregate')
  t.match(await c.db.command({ count: c.collectionName, query: { k: 2 }, hint: 'k_1' }), { n: 2 }, 'count')
  const bulk = await c.bulkWrite([
    { updateOne: { filter: { k: 1 }, update: { $set: { bulk: true } }, hint: 'k_1' } },
    { deleteOne: { filter: { k: 3 }, hint: { k: 1, n: 1 } } }
  ])
  t.match(bulk, { modifiedCount: 1, deletedCount: 1 }, 'bulkWrite')
  t.match(await c.findOneAndDelete({ k: 2 }, { hint: { k: 1 }, sort: { n: 1 } }), { _id: 3 }, 'findOneAndDelete')
  t.equal((await c.deleteMany({ k: { $gte: 0 } }, { hint: 'k_1' })).deletedCount, 2, 'deleteMany')
  t.equal(await c.countDocuments(), 0)
})

t.test('a hint naming no index is BadValue (2) and changes nothing', async t => {
  const c = await seeded()
  await t.rejects(c.find({ k: 2 }, { hint: 'nope' }).toArray(), NO_INDEX, 'find by name')
  await t.rejects(c.find({ k: 2 }, { hint: { k: -1 } }).toArray(), NO_INDEX, 'find by key pattern')
  await t.rejects(c.updateOne({ k: 2 }, { $set: { x: 1 } }, { hint: 'nope' }), NO_INDEX, 'updateOne')
  await t.rejects(c.deleteMany({}, { hint: { zz: 1 } }), NO_INDEX, 'deleteMany')
  await t.rejects(c.findOneAndDelete({}, { hint: { zz: 1 } }), NO_INDEX, 'findOneAndDelete')
  await t.rejects(c.countDocuments({}, { hint: 'nope' }), NO_INDEX, 'countDocuments')
  await t.rejects(c.aggregate([], { hint: { zz: 1 } }).toArray(), NO_INDEX, 'aggregate')
  t.same(await c.find().sort({ _id: 1 }).toArray(), DOCS)
})

t.test('a hidden index cannot be hinted', async t => {
  const c = await seeded()
  await c.createIndex({ n: 1 }, { hidden: true })
  await t.rejects(c.find({ n: 'a' }, { hint: 'n_1' }).toArray(), NO_INDEX)
})

t.test('an unacknowledged deleteMany with a hint deletes', async t => {
  const c = await seeded()
  const result = await c.deleteMany({ k: 2 }, { hint: 'k_1', writeConcern: { w: 0 } })
  t.equal(result.acknowledged, false)
  // Nothing reports back, so wait for the effect.
  const deadline = Date.now() + 5000
  while (await c.countDocuments({ k: 2 }) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  t.equal(await c.countDocuments({ k: 2 }), 0)
  t.equal(await c.countDocuments(), 2, 'and only the matching documents')
})
