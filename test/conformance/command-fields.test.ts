import t from 'tap'
import type { Document } from 'mongodb'
import { connect } from './harness.js'

// MongoDB 7.0 checks every field of a CRUD command and of its statements against its IDL: a field it
// does not know fails the whole command, so nothing is silently ignored. `sort` on updates arrived in
// 8.0, so a 7.0 server refuses it rather than updating whichever document comes first.
const { db, coll } = await connect(t, 'fields')
const unknownField = (path: string): { code: number, codeName: string, message: string } => ({ code: 40415, codeName: 'Location40415', message: `BSON field '${path}' is an unknown field.` })

t.test('updateOne and replaceOne with a sort are refused and change nothing', async t => {
  const c = coll('sorted')
  const docs = [{ _id: 1, v: 0 }, { _id: 2, v: 0 }, { _id: 3, v: 0 }]
  await c.insertMany(docs)
  await t.rejects(c.updateOne({ _id: { $gt: 1 } }, { $set: { v: 1 } }, { sort: { _id: -1 } }), unknownField('update.updates.sort'), 'updateOne')
  await t.rejects(c.replaceOne({ _id: { $gt: 1 } }, { v: 1 }, { sort: { _id: -1 } }), unknownField('update.updates.sort'), 'replaceOne')
  await t.rejects(c.bulkWrite([{ updateOne: { filter: { _id: { $gt: 1 } }, update: { $set: { v: 1 } }, sort: { _id: -1 } } }]),
    { code: 40415 }, 'bulkWrite updateOne')
  await t.rejects(c.bulkWrite([{ replaceOne: { filter: { _id: { $gt: 1 } }, replacement: { v: 1 }, sort: { _id: -1 } } }]),
    { code: 40415 }, 'bulkWrite replaceOne')
  t.same(await c.find().sort({ _id: 1 }).toArray(), docs, 'no document changed')
})

t.test('a made-up field in an update or delete statement fails the whole command', async t => {
  const c = coll('statements')
  await c.insertMany([{ _id: 1 }, { _id: 2 }])
  await t.rejects(db.command({
    update: 'statements',
    updates: [{ q: { _id: 1 }, u: { $set: { x: 1 } } }, { q: { _id: 2 }, u: { $set: { x: 1 } }, bogus: true }]
  }), unknownField('update.updates.bogus'))
  await t.rejects(db.command({ delete: 'statements', deletes: [{ q: {}, limit: 0, bogus: true }] }), unknownField('delete.deletes.bogus'))
  t.same(await c.find().sort({ _id: 1 }).toArray(), [{ _id: 1 }, { _id: 2 }], 'not even the valid first statement ran')
})

t.test('a statement without a required field is 40414', async t => {
  await t.rejects(db.command({ update: 'statements', updates: [{ q: {} }] }),
    { code: 40414, message: "BSON field 'update.updates.u' is missing but a required field" })
  await t.rejects(db.command({ delete: 'statements', deletes: [{ q: {} }] }),
    { code: 40414, message: "BSON field 'delete.deletes.limit' is missing but a required field" })
  await t.rejects(db.command({ insert: 'statements' }), { code: 40414, message: "BSON field 'insert.documents' is missing but a required field" })
})

t.test('a made-up field in any CRUD command is 40415 and writes nothing', async t => {
  const c = coll('commands')
  await c.insertOne({ _id: 1, k: 'a' })
  const commands: Record<string, Document> = {
    insert: { insert: 'commands', documents: [{ _id: 2 }] },
    update: { update: 'commands', updates: [{ q: {}, u: { $set: { x: 1 } } }] },
    delete: { delete: 'commands', deletes: [{ q: {}, limit: 0 }] },
    findAndModify: { findAndModify: 'commands', query: {}, remove: true },
    find: { find: 'commands' },
    aggregate: { aggregate: 'commands', pipeline: [], cursor: {} },
    count: { count: 'commands' },
    distinct: { distinct: 'commands', key: 'k' }
  }
  for (const [name, command] of Object.entries(commands)) {
    await t.rejects(db.command({ ...command, bogus: 1 }), unknownField(`${name}.bogus`), name)
  }
  t.same(await c.find().toArray(), [{ _id: 1, k: 'a' }])
})

t.test('distinct takes no hint before 7.1', async t => {
  await t.rejects(coll('commands').distinct('k', {}, { hint: { _id: 1 } }), unknownField('distinct.hint'))
})

t.test('the generic fields the driver sends stay accepted', async t => {
  const c = coll('generic')
  const options = { comment: 'why', maxTimeMS: 60_000 }
  await c.insertOne({ _id: 1, n: 1 }, { ...options, writeConcern: { w: 1, j: true } })
  await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { ...options, writeConcern: { w: 'majority' } })
  t.same(await c.find({}, { ...options, readConcern: { level: 'local' } }).toArray(), [{ _id: 1, n: 2 }])
  t.same(await c.aggregate([{ $project: { n: 1 } }], { ...options, readConcern: { level: 'available' } }).toArray(), [{ _id: 1, n: 2 }])
  t.equal(await c.countDocuments({}, options), 1)
  t.equal(await c.estimatedDocumentCount(options), 1)
  t.same(await c.distinct('n', {}, options), [2])
  t.same(await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { ...options, returnDocument: 'after' }), { _id: 1, n: 3 })
  t.equal((await c.deleteOne({ _id: 1 }, options)).deletedCount, 1)
})
