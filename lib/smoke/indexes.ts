// Checklist step 8 from the smoke test: every migration of this version applied, and the indexes they
// create present, in the database MONGODB_URI names (the one the server under test uses).
import { MongoClient } from 'mongodb'
import { migrations } from '../migrations/index.js'
import { createMigrator } from '../migrations/runner.js'

export async function checkIndexes (uri: string, database: string): Promise<string> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, appName: 'acai-smoke' })
  try {
    await client.connect()
    const status = await createMigrator({ db: client.db(database), migrations }).status()
    if (status.pending.length > 0) throw new Error(`pending migrations: ${status.pending.map((m) => m.id).join(', ')}`)
    const expected = migrations.flatMap((m) => (m.indexes ?? []).map((index) => ({ collection: index.collection, name: index.name })))
    const present = new Set(status.collections.flatMap((c) => c.indexes.map((index) => `${c.name}.${index.name}`)))
    const missing = expected.filter((index) => !present.has(`${index.collection}.${index.name}`))
    if (missing.length > 0) throw new Error(`missing indexes: ${missing.map((i) => `${i.collection}.${i.name}`).join(', ')}`)
    return `${status.applied.length} migrations, ${present.size} indexes`
  } finally {
    await client.close()
  }
}
