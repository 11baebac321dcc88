import t from 'tap'
import { Long, type Document } from 'mongodb'
import { connect } from './harness.js'

const { coll } = await connect(t, 'agg')

const orders = coll('orders')
const customers = coll('customers')
await customers.insertMany([
  { _id: 'c1', name: 'Ada', tier: 'gold' },
  { _id: 'c2', name: 'Bob', tier: 'silver' },
  { _id: 'c3', name: 'Cy', tier: 'gold' }
])
await orders.insertMany([
  { _id: 1, customer: 'c1', status: 'paid', amount: 10, items: ['pen', 'ink'] },
  { _id: 2, customer: 'c1', status: 'paid', amount: 30, items: ['pad'] },
  { _id: 3, customer: 'c2', status: 'open', amount: 5, items: [] },
  { _id: 4, customer: 'c2', status: 'paid', amount: 25 },
  { _id: 5, customer: 'c4', status: 'open', amount: 40, items: null },
  { _id: 6, customer: 'c1', status: 'open', amount: 20, items: ['pen'] }
])

const run = async (pipeline: Document[]): Promise<Document[]> => await orders.aggregate(pipeline).toArray()

t.test('$match then $group computes the usual accumulators', async t => {
  const groups = await run([
    { $match: { status: 'paid' } },
    { $group: { _id: '$customer', total: { $sum: '$amount' }, n: { $sum: 1 }, avg: { $avg: '$amount' }, lo: { $min: '$amount' }, hi: { $max: '$amount' } } },
    { $sort: { _id: 1 } }
  ])
  t.same(groups, [
    { _id: 'c1', total: 40, n: 2, avg: 20, lo: 10, hi: 30 },
    { _id: 'c2', total: 25, n: 1, avg: 25, lo: 25, hi: 25 }
  ])
})

t.test('$group collects with $push, $addToSet, $first and $last', async t => {
  const [c1] = await run([
    { $match: { customer: 'c1' } },
    { $sort: { amount: 1 } },
    { $group: { _id: '$customer', amounts: { $push: '$amount' }, statuses: { $addToSet: '$status' }, first: { $first: '$_id' }, last: { $last: '$_id' } } }
  ])
  t.same(c1.amounts, [10, 20, 30])
  t.same([...c1.statuses].sort(), ['open', 'paid'])
  t.equal(c1.first, 1)
  t.equal(c1.last, 2)
})

t.test('$group with a null or compound _id', async t => {
  t.same(await run([{ $group: { _id: null, total: { $sum: '$amount' }, count: { $sum: 1 } } }]), [{ _id: null, total: 130, count: 6 }])
  const pairs = await run([
    { $group: { _id: { c: '$customer', s: '$status' }, n: { $sum: 1 } } },
    { $sort: { '_id.c': 1, '_id.s': 1 } }
  ])
  t.same(pairs.map(p => [p._id.c, p._id.s, p.n]), [['c1', 'open', 1], ['c1', 'paid', 2], ['c2', 'open', 1], ['c2', 'paid', 1], ['c4', 'open', 1]])
})

t.test('$sort, $skip and $limit page through results', async t => {
  t.same((await run([{ $sort: { amount: -1 } }, { $skip: 1 }, { $limit: 3 }])).map(d => d._id), [2, 4, 6])
  t.same((await run([{ $sort: { status: 1, amount: 1 } }, { $limit: 2 }])).map(d => d._id), [3, 6])
})

t.test('$project includes, excludes and computes fields', async t => {
  t.same(await run([{ $match: { _id: 1 } }, { $project: { amount: 1 } }]), [{ _id: 1, amount: 10 }])
  t.same(await run([{ $match: { _id: 1 } }, { $project: { items: 0, status: 0, customer: 0 } }]), [{ _id: 1, amount: 10 }])
  t.same(await run([{ $match: { _id: 1 } }, {
    $project: {
      _id: 0,
      double: { $multiply: ['$amount', 2] },
      label: { $concat: ['$customer', ':', '$status'] },
      count: { $size: '$items' },
      big: { $cond: [{ $gte: ['$amount', 20] }, 'yes', 'no'] },
      note: { $ifNull: ['$note', 'none'] },
      renamed: '$amount'
    }
  }]), [{ double: 20, label: 'c1:paid', count: 2, big: 'no', note: 'none', renamed: 10 }])
})

t.test('$unwind emits one document per element and can keep empty ones', async t => {
  t.same((await run([{ $unwind: '$items' }, { $sort: { _id: 1, items: 1 } }])).map(d => [d._id, d.items]),
    [[1, 'ink'], [1, 'pen'], [2, 'pad'], [6, 'pen']])
  const kept = await orders.aggregate([
    { $unwind: { path: '$items', includeArrayIndex: 'idx', preserveNullAndEmptyArrays: true } },
    { $sort: { _id: 1, idx: 1 } },
    { $project: { items: 1, idx: 1 } }
  ], { promoteLongs: false }).toArray()
  t.same(kept.map(d => d._id), [1, 1, 2, 3, 4, 5, 6])
  t.same(kept[0], { _id: 1, items: 'pen', idx: Long.fromNumber(0) }, 'includeArrayIndex is an int64')
  t.same(kept[3], { _id: 3, idx: null }, 'an empty array keeps the document without the field')
  t.same(kept[4], { _id: 4, idx: null }, 'a missing field stays missing')
  t.same(kept[5], { _id: 5, items: null, idx: null }, 'a null stays null')
})

t.test('$count counts, and yields nothing for no input', async t => {
  t.same(await run([{ $match: { status: 'open' } }, { $count: 'n' }]), [{ n: 3 }])
  t.same(await run([{ $match: { status: 'none' } }, { $count: 'n' }]), [])
})

t.test('$lookup joins by local and foreign field', async t => {
  const joined = await run([
    { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
    { $project: { who: 1 } },
    { $sort: { _id: 1 } }
  ])
  t.same(joined.map(d => d.who.map((w: Document) => w.name)), [['Ada'], ['Ada'], ['Bob'], ['Bob'], [], ['Ada']])
})

t.test('$lookup with let and a pipeline', async t => {
  const joined = await customers.aggregate([
    {
      $lookup: {
        from: 'orders',
        let: { cid: '$_id' },
        pipeline: [
          { $match: { $expr: { $and: [{ $eq: ['$customer', '$$cid'] }, { $eq: ['$status', 'paid'] }] } } },
          { $sort: { amount: -1 } },
          { $project: { _id: 0, amount: 1 } }
        ],
        as: 'paid'
      }
    },
    { $sort: { _id: 1 } }
  ]).toArray()
  t.same(joined.map(d => [d._id, d.paid]), [['c1', [{ amount: 30 }, { amount: 10 }]], ['c2', [{ amount: 25 }]], ['c3', []]])
})

t.test('$addFields and $set add computed fields and keep the rest', async t => {
  t.same(await run([{ $match: { _id: 2 } }, { $addFields: { tax: { $multiply: ['$amount', 0.5] }, 'meta.source': 'web' } }, { $set: { amount: 0 } }]),
    [{ _id: 2, customer: 'c1', status: 'paid', amount: 0, items: ['pad'], tax: 15, meta: { source: 'web' } }])
})

t.test('a multi-stage report joins, unwinds and groups', async t => {
  const report = await run([
    { $match: { status: 'paid' } },
    { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'c' } },
    { $unwind: '$c' },
    { $group: { _id: '$c.tier', revenue: { $sum: '$amount' } } },
    { $sort: { revenue: -1 } }
  ])
  t.same(report, [{ _id: 'gold', revenue: 40 }, { _id: 'silver', revenue: 25 }])
})

t.test('$match with $expr compares fields of the same document', async t => {
  const c = coll('budget')
  await c.insertMany([{ _id: 1, spent: 5, budget: 10 }, { _id: 2, spent: 12, budget: 10 }])
  t.same(await c.aggregate([{ $match: { $expr: { $gt: ['$spent', '$budget'] } } }]).toArray(), [{ _id: 2, spent: 12, budget: 10 }])
  t.same(await c.find({ $expr: { $lt: ['$spent', '$budget'] } }).toArray(), [{ _id: 1, spent: 5, budget: 10 }])
})

t.test('aggregating a collection that does not exist yields nothing', async t => {
  t.same(await coll('never_created').aggregate([{ $match: {} }]).toArray(), [])
})
