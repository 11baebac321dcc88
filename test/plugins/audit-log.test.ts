import { test } from 'tap'
import { MongoClient } from 'mongodb'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import { build } from '../helper.js'

// Failed authentications wait for their minute to end; a shutdown must not lose them. The database is a
// server of the test's own, so what the app wrote can be read after the app has closed.
test('at shutdown the auth-failure bursts still counting are written before the database closes', async (t) => {
  const mongo = await startEmbeddedMongo()
  t.teardown(() => mongo.close())
  const app = await build(t, { MONGODB_URI: mongo.uri, MONGODB_DB: 'audit_shutdown', AUDIT_RETENTION_DAYS: '30' })
  for (let i = 0; i < 4; i++) await app.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': 'acai_guess-0123456789abcdef' } })
  await app.close()

  const client = new MongoClient(mongo.uri)
  t.teardown(() => client.close())
  const entries = client.db('audit_shutdown').collection('audit_log')
  t.match(await entries.find({}).toArray(), [{ _id: 1, action: 'auth.failures', target: 'key-prefix:acai_gue', count: 4, outcome: 'failure' }])
  const ttl = (await entries.listIndexes().toArray()).find((index) => index.name === 'audit_log_time_ttl')
  t.match(ttl, { key: { time: 1 }, expireAfterSeconds: 30 * 86_400 }, 'the retention index follows AUDIT_RETENTION_DAYS')
})
