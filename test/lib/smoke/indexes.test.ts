import { MongoClient } from 'mongodb'
import { test } from 'tap'
import { migrations } from '../../../lib/migrations/index.js'
import { createMigrator } from '../../../lib/migrations/runner.js'
import { resolveMongoTarget } from '../../../lib/mongo/target.js'
import { checkIndexes } from '../../../lib/smoke/indexes.js'

// Checklist step 8 of the smoke test against the embedded server: a migrated database passes; one with an
// index dropped by hand fails naming it.
test('the smoke index check names a missing index', async (t) => {
  const mongo = await resolveMongoTarget({})
  t.teardown(() => mongo.close())
  const client = new MongoClient(mongo.uri)
  t.teardown(() => client.close())
  const db = client.db('smoke-indexes')
  await createMigrator({ db, migrations }).up()
  t.match(await checkIndexes(mongo.uri, 'smoke-indexes'), /^\d+ migrations, \d+ indexes$/)
  await db.collection('api_keys').dropIndex('api_keys_hash')
  await t.rejects(checkIndexes(mongo.uri, 'smoke-indexes'), /missing indexes: api_keys\.api_keys_hash/)
})
