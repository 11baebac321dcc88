import { test } from 'tap'
import { readdir } from 'node:fs/promises'
import { Decimal128, Long, MongoClient } from 'mongodb'
import { startMongoProcess } from './mongo-process.js'

// Acknowledged writes must survive a SIGKILL: the server fsyncs its journal before replying, and
// `acai mongo --data-dir` replays it at start.

const CLIENTS = 4
const WORKERS_PER_CLIENT = 10
const INSERTS_PER_WORKER = 50

interface Expected { _id: string, client: number, i: number, big: Long, price: Decimal128, touched?: number, bulk?: boolean }

test('every acknowledged insert, update and delete survives a SIGKILL and a restart', async (t) => {
  const dataDir = t.testdir()
  const first = await startMongoProcess(t, ['--port', '0', '--data-dir', dataDir])
  // No retries: a write cut off by the kill must fail at once rather than wait for a server to come back.
  // timeoutMS bounds every operation, so a write caught by the kill can never hang the test (it did,
  // once in a while, on a loaded machine).
  const clients = Array.from({ length: CLIENTS }, () => new MongoClient(first.uri, { serverSelectionTimeoutMS: 2000, retryWrites: false, timeoutMS: 15_000 }))
  const expected = new Map<string, Expected>()

  await Promise.all(clients.map(async (client, c) => {
    const items = client.db('durable').collection<Expected>('items')
    await Promise.all(Array.from({ length: WORKERS_PER_CLIENT }, async (_, w) => {
      for (let k = 0; k < INSERTS_PER_WORKER; k++) {
        const i = w * INSERTS_PER_WORKER + k
        const doc: Expected = { _id: `c${c}-${i}`, client: c, i, big: Long.fromString(`900719925474099${c}${i}`), price: Decimal128.fromString(`${i}.50`) }
        await items.insertOne({ ...doc })
        expected.set(doc._id, doc)
        if (i % 10 === 3) {
          await items.updateOne({ _id: doc._id }, { $inc: { touched: 1 } })
          doc.touched = 1
        }
        if (i % 10 === 7) {
          await items.deleteOne({ _id: doc._id })
          expected.delete(doc._id)
        }
      }
    }))
  }))
  const items = clients[0].db('durable').collection<Expected>('items')
  const bulk = await items.updateMany({ client: 1, i: { $lt: 100 } }, { $set: { bulk: true } })
  for (const doc of expected.values()) if (doc.client === 1 && doc.i < 100) doc.bulk = true
  t.equal(bulk.modifiedCount, 90)

  // Killed while inserts are still streaming in: every one acknowledged before the kill must survive.
  const tailAcked = new Set<string>()
  let killed = false
  const tail = Promise.all(clients.map(async (client, c) => {
    const tailItems = client.db('durable').collection<{ _id: string }>('tail')
    for (let k = 0; ; k++) {
      if (killed) return
      try {
        await tailItems.insertOne({ _id: `t${c}-${k}` })
      } catch {
        return
      }
      tailAcked.add(`t${c}-${k}`)
    }
  }))
  let tailEnded = false
  tail.then(() => { tailEnded = true }, () => {})
  const ended = (): boolean => tailEnded
  while (tailAcked.size < 100 && !ended()) await new Promise((resolve) => setTimeout(resolve, 5))
  t.ok(tailAcked.size >= 100, `${tailAcked.size} tail inserts acknowledged before the kill`)
  first.child.kill('SIGKILL')
  killed = true
  const ackedBeforeKill = [...tailAcked]
  t.same(await first.exited, { code: null, signal: 'SIGKILL' })
  await tail
  await Promise.all(clients.map((client) => client.close(true).catch(() => {})))
  t.ok((await readdir(dataDir)).length > 0, 'the data directory holds the journal')

  const second = await startMongoProcess(t, ['--port', '0', '--data-dir', dataDir])
  const reader = new MongoClient(second.uri, { serverSelectionTimeoutMS: 5000 })
  t.teardown(() => reader.close())
  const recovered = await reader.db('durable').collection<Expected>('items').find({}).toArray()
  t.equal(recovered.length, CLIENTS * WORKERS_PER_CLIENT * INSERTS_PER_WORKER * 0.9)
  t.equal(recovered.length, expected.size)
  const mismatches = recovered.filter((doc) => {
    const want = expected.get(doc._id)
    return want === undefined || !(doc.big instanceof Long) || doc.big.toString() !== want.big.toString() ||
      doc.price.toString() !== want.price.toString() || doc.touched !== want.touched || doc.bulk !== want.bulk
  })
  t.same(mismatches, [], 'every recovered document matches what was acknowledged')
  const tailIds = new Set((await reader.db('durable').collection<{ _id: string }>('tail').find({}).toArray()).map((doc) => doc._id))
  t.same(ackedBeforeKill.filter((id) => !tailIds.has(id)), [], 'inserts acknowledged just before the kill survive')

  // A clean stop after recovery keeps the data too, including writes made since the restart.
  await reader.db('durable').collection<{ _id: string }>('items').insertOne({ _id: 'after-restart' })
  await reader.close()
  second.child.kill('SIGTERM')
  t.same(await second.exited, { code: 0, signal: null })
  const third = await startMongoProcess(t, ['--port', '0', '--data-dir', dataDir])
  const again = new MongoClient(third.uri, { serverSelectionTimeoutMS: 5000 })
  t.teardown(() => again.close())
  t.equal(await again.db('durable').collection('items').countDocuments(), expected.size + 1)
  await again.close()
})
