import { test } from 'tap'
import { buildPlugins, captureLogs } from '../helper.js'
import metrics from '../../plugins/app/metrics.js'
import mongodb from '../../plugins/app/mongodb.js'
import migrations from '../../plugins/app/migrations.js'
import { migrations as all } from '../../lib/migrations/index.js'

const ALL = all.map((m) => m.id)

test('pending migrations are applied at start-up by default', async (t) => {
  const fastify = await buildPlugins(t, [metrics, mongodb, migrations])
  const status = await fastify.migrations.status()
  t.same(status.pending, [])
  t.same(status.applied.map((m) => m.id), ALL)
  const apiKeys = status.collections.find((c) => c.name === 'api_keys')
  t.match(apiKeys?.indexes.find((i) => i.name === 'api_keys_hash'), { key: { hash: 1 }, options: { unique: true } })
})

test('MIGRATE_ON_START=false leaves them pending for `acai migrate up`', async (t) => {
  const log = captureLogs()
  const fastify = await buildPlugins(t, [metrics, mongodb, migrations], { MIGRATE_ON_START: 'false', LOG_LEVEL: 'info' }, { logStream: log.stream })
  const status = await fastify.migrations.status()
  t.same(status.pending.map((m) => m.id), ALL)
  t.same(status.applied, [])
  t.ok(log.raw().includes('pending migrations and MIGRATE_ON_START=false'), 'a warning says so')
  t.same(await fastify.migrations.up(), ALL, 'the decorated runner applies them')
})
