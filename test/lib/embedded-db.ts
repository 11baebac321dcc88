// A fresh database on an embedded server of its own, for lib/ tests that need a real driver `Db`.
import { randomBytes } from 'node:crypto'
import { MongoClient, type Db } from 'mongodb'
import { resolveMongoTarget } from '../../lib/mongo/target.js'

interface Teardown { teardown (fn: () => unknown): void }

export interface TestDatabase { db: Db, client: MongoClient, uri: string }

export async function embeddedDb (t: Teardown): Promise<TestDatabase> {
  const target = await resolveMongoTarget({})
  const client = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000 })
  t.teardown(async () => {
    await client.close()
    await target.close()
  })
  await client.connect()
  return { db: client.db(`test_${randomBytes(4).toString('hex')}`), client, uri: target.uri }
}
