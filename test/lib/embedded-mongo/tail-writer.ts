// Worker thread of cli-durability.test.ts: inserts into `durable.tail` from several clients as fast as
// the server acknowledges, and posts each acknowledged id. It runs apart so the test can end it with
// terminate() once the server is killed: closing a driver client whose server died under it sometimes
// never settles (mongodb 7.9), and that must not hold the test.
import { parentPort, workerData } from 'node:worker_threads'
import { MongoClient } from 'mongodb'

const port = parentPort
if (port === null) throw new Error('tail-writer must run as a worker thread')
const { uri, clients } = workerData as { uri: string, clients: number }

await Promise.all(Array.from({ length: clients }, async (_, c) => {
  // No retries: a write cut off by the kill fails at once rather than wait for a server to come back.
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, retryWrites: false })
  const tail = client.db('durable').collection<{ _id: string }>('tail')
  for (let k = 0; ; k++) {
    try {
      await tail.insertOne({ _id: `t${c}-${k}` })
    } catch {
      return
    }
    port.postMessage(`t${c}-${k}`)
  }
}))
