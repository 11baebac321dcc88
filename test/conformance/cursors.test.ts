import t from 'tap'
import { Long, MongoServerError, type CommandStartedEvent, type CommandSucceededEvent, type Document } from 'mongodb'
import { connect, type Doc } from './harness.js'

const { db, dbName, newClient, coll } = await connect(t, 'cursors')

const TOTAL = 25
await coll('items').insertMany(Array.from({ length: TOTAL }, (_, i) => ({ _id: i, n: i, even: i % 2 === 0 })))

// A second client with command monitoring shows which wire commands the driver needed.
const monitored = await newClient({ monitorCommands: true })
const items = monitored.db(dbName).collection<Doc>('items')
const started: CommandStartedEvent[] = []
const succeeded: CommandSucceededEvent[] = []
monitored.on('commandStarted', e => { started.push(e) })
monitored.on('commandSucceeded', e => { succeeded.push(e) })
const resetEvents = (): void => { started.length = 0; succeeded.length = 0 }
const countStarted = (name: string): number => started.filter(e => e.commandName === name).length
const isDocument = (value: unknown): value is Document => typeof value === 'object' && value !== null
const replies = (name: string): Document[] => succeeded.filter(e => e.commandName === name).map(e => e.reply).filter(isDocument)
const asLong = (value: unknown): Long => Long.isLong(value) ? value : Long.fromNumber(Number(value))
const isZero = (value: unknown): boolean => asLong(value).isZero()

t.test('a find with batchSize 10 over 25 documents is completed by two getMores', async t => {
  resetEvents()
  const docs = await items.find({}, { batchSize: 10 }).sort({ _id: 1 }).toArray()
  t.same(docs.map(d => d._id), Array.from({ length: TOTAL }, (_, i) => i))
  t.equal(countStarted('find'), 1)
  t.equal(countStarted('getMore'), 2)
  t.equal(countStarted('killCursors'), 0, 'an exhausted cursor needs no killCursors')
  const [find] = replies('find')
  t.equal(find.cursor.firstBatch.length, 10)
  t.notOk(isZero(find.cursor.id), 'the first batch leaves the cursor open')
  const more = replies('getMore')
  t.same(more.map(r => r.cursor.nextBatch.length), [10, 5])
  t.notOk(isZero(more[0].cursor.id))
  t.ok(isZero(more[1].cursor.id), 'the last batch reports cursor id 0')
})

t.test('for await iterates every document across batches', async t => {
  const seen: number[] = []
  for await (const doc of items.find({ even: true }, { batchSize: 3, sort: { n: -1 } })) seen.push(doc.n)
  t.same(seen, [24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0])
})

t.test('closing a cursor early sends killCursors and the server forgets the cursor', async t => {
  resetEvents()
  const cursor = items.find({}, { batchSize: 5, sort: { _id: 1 } })
  t.equal((await cursor.next())?._id, 0)
  t.equal((await cursor.next())?._id, 1)
  const id = cursor.id
  t.ok(id !== undefined && !id.isZero(), 'the server kept a cursor open')
  await cursor.close()
  t.equal(countStarted('killCursors'), 1)
  const [killed] = replies('killCursors')
  t.same(killed.cursorsKilled.map((c: unknown) => asLong(c).toString()), [asLong(id).toString()])
  await t.rejects(db.command({ getMore: asLong(id), collection: 'items' }), { code: 43, codeName: 'CursorNotFound' })
})

t.test('raw find and getMore replies have the cursor shape drivers expect', async t => {
  const first = await db.command({ find: 'items', filter: {}, sort: { _id: 1 }, batchSize: 10 }, { promoteLongs: false })
  t.equal(first.ok, 1)
  t.equal(first.cursor.ns, `${dbName}.items`)
  t.ok(first.cursor.id instanceof Long, 'cursor id is an int64')
  t.notOk(first.cursor.id.isZero())
  t.same(first.cursor.firstBatch.map((d: Document) => Number(d._id)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])

  const second = await db.command({ getMore: first.cursor.id, collection: 'items', batchSize: 10 }, { promoteLongs: false })
  t.equal(second.cursor.ns, `${dbName}.items`)
  t.equal(second.cursor.id.toString(), first.cursor.id.toString(), 'the cursor keeps its id')
  t.same(second.cursor.nextBatch.map((d: Document) => Number(d._id)), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19])

  const last = await db.command({ getMore: first.cursor.id, collection: 'items', batchSize: 10 }, { promoteLongs: false })
  t.same(last.cursor.nextBatch.map((d: Document) => Number(d._id)), [20, 21, 22, 23, 24])
  t.ok(last.cursor.id.isZero(), 'exhausted')
  await t.rejects(db.command({ getMore: first.cursor.id, collection: 'items' }), { code: 43, codeName: 'CursorNotFound' },
    'an exhausted cursor is gone')
})

t.test('singleBatch closes the cursor after the first batch', async t => {
  const reply = await db.command({ find: 'items', filter: {}, batchSize: 5, singleBatch: true })
  t.equal(reply.cursor.firstBatch.length, 5)
  t.ok(isZero(reply.cursor.id))
})

t.test('a find whose batch holds everything returns cursor id 0 at once', async t => {
  const reply = await db.command({ find: 'items', filter: { n: { $lt: 3 } } })
  t.equal(reply.cursor.firstBatch.length, 3)
  t.ok(isZero(reply.cursor.id))
})

t.test('limit caps a cursor that spans several batches', async t => {
  resetEvents()
  const docs = await items.find({}, { batchSize: 10, limit: 15, sort: { _id: 1 } }).toArray()
  t.same(docs.map(d => d._id), Array.from({ length: 15 }, (_, i) => i))
  t.equal(countStarted('killCursors'), 0, 'the server closed the cursor when the limit was reached')
})

t.test('skip, limit and sort give the right window across batches', async t => {
  const docs = await items.find({}).sort({ n: -1 }).skip(3).limit(12).batchSize(5).toArray()
  t.same(docs.map(d => d.n), [21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10])
})

t.test('killCursors reports killed and unknown cursor ids', async t => {
  const open = await db.command({ find: 'items', filter: {}, batchSize: 2 }, { promoteLongs: false })
  const unknown = Long.fromString('1234567890123')
  const reply = await db.command({ killCursors: 'items', cursors: [open.cursor.id, unknown] }, { promoteLongs: false })
  t.equal(reply.ok, 1)
  t.same(reply.cursorsKilled.map(String), [open.cursor.id.toString()])
  t.same(reply.cursorsNotFound.map(String), [unknown.toString()])
  t.same(reply.cursorsAlive, [])
  t.same(reply.cursorsUnknown, [])
})

t.test('an aggregate cursor with a small batchSize is drained with getMore', async t => {
  resetEvents()
  const docs = await items.aggregate([{ $sort: { _id: 1 } }, { $project: { _id: 1 } }], { batchSize: 4 }).toArray()
  t.same(docs.map(d => d._id), Array.from({ length: TOTAL }, (_, i) => i))
  t.equal(countStarted('getMore'), 6)
})

t.test('many open cursors stay independent while interleaved', async t => {
  const cursors = Array.from({ length: 8 }, (_, k) =>
    items.find({ n: { $gte: k } }, { batchSize: 2, sort: { n: 1 } }))
  const seen: number[][] = cursors.map(() => [])
  for (let step = 0; step < 6; step++) {
    for (const [k, cursor] of cursors.entries()) {
      const doc = await cursor.next()
      if (doc !== null) seen[k].push(doc.n)
    }
  }
  seen.forEach((values, k) => t.same(values, [k, k + 1, k + 2, k + 3, k + 4, k + 5], `cursor ${k}`))
  await Promise.all(cursors.map(c => c.close()))
})

t.test('getMore on a cursor id the server never issued fails with CursorNotFound', async t => {
  const err = await db.command({ getMore: Long.fromString('987654321987'), collection: 'items' }).catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.match(err, { code: 43, codeName: 'CursorNotFound' })
})
