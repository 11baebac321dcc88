import t from 'tap'
import type { Document, MongoClient } from 'mongodb'
import { connect, type Doc } from './harness.js'

const { coll, dbName, newClient } = await connect(t, 'concurrency')

const clients: MongoClient[] = await Promise.all(Array.from({ length: 10 }, async () => await newClient({ maxPoolSize: 8 })))
const on = (i: number, name: string) => clients[i % clients.length].db(dbName).collection<Doc>(name)

t.test('ten clients inserting at once lose nothing', async t => {
  await Promise.all(Array.from({ length: 400 }, async (_, i) => await on(i, 'inserts').insertOne({ _id: i, by: i % clients.length })))
  t.equal(await coll('inserts').countDocuments(), 400)
  const ids = (await coll('inserts').find({}, { projection: { _id: 1 } }).sort({ _id: 1 }).toArray()).map(d => d._id)
  t.same(ids, Array.from({ length: 400 }, (_, i) => i))
})

t.test('concurrent $inc on shared counters from many clients adds up exactly', async t => {
  const counters = coll('counters')
  await counters.insertMany(Array.from({ length: 4 }, (_, k) => ({ _id: k, n: 0 })))
  await Promise.all(Array.from({ length: 400 }, async (_, i) =>
    await on(i, 'counters').updateOne({ _id: i % 4 }, { $inc: { n: 1 } })))
  t.same((await counters.find().sort({ _id: 1 }).toArray()).map(d => d.n), [100, 100, 100, 100])
})

t.test('readers on many clients see complete results while writers work elsewhere', async t => {
  await coll('stable').insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, v: i })))
  const readers = Array.from({ length: 10 }, async (_, i) =>
    (await on(i, 'stable').find({}, { batchSize: 37 }).sort({ _id: 1 }).toArray()).length)
  const writers = Array.from({ length: 200 }, async (_, i) => await on(i, 'churn').insertOne({ i }))
  const [counts] = await Promise.all([Promise.all(readers), Promise.all(writers)])
  t.same(counts, Array(10).fill(500), 'every reader got all 500 documents across getMores')
  t.equal(await coll('churn').countDocuments(), 200)
})

t.test('a burst of mixed operations on one client keeps each result correct', async t => {
  const c = coll('mixed_burst')
  await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, n: i })))
  const ops = Array.from({ length: 300 }, async (_, i) => {
    const id = i % 50
    switch (i % 3) {
      case 0: return (await c.findOne({ _id: id }))?._id === id
      case 1: {
        const push: Document = { $push: { log: i } }
        return (await c.updateOne({ _id: id }, push)).matchedCount === 1
      }
      default: return (await c.countDocuments({ _id: { $lte: id } })) === id + 1
    }
  })
  const outcomes = await Promise.all(ops)
  t.ok(outcomes.every(Boolean), 'every find, update and count saw a consistent document set')
  const logged = await c.aggregate([{ $project: { size: { $size: { $ifNull: ['$log', []] } } } }, { $group: { _id: null, total: { $sum: '$size' } } }]).toArray()
  t.equal(logged[0].total, 100, 'all 100 pushes landed')
})
