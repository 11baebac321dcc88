import { test } from 'tap'
import { buildProbeApp } from './probe-app.js'

test('pending migrations are applied at start-up by default', async (t) => {
  const fastify = await buildProbeApp(t)
  const status = await fastify.migrations.status()
  t.same(status.pending, [])
  t.same(status.applied.map((m) => m.id), ['001-initial-indexes'])
  const apiKeys = status.collections.find((c) => c.name === 'api_keys')
  t.match(apiKeys?.indexes.find((i) => i.name === 'api_keys_hash'), { key: { hash: 1 }, options: { unique: true } })
})

test('MIGRATE_ON_START=false leaves them pending for `acai migrate up`', async (t) => {
  const logs: string[] = []
  const fastify = await buildProbeApp(t, { MIGRATE_ON_START: 'false' }, logs)
  const status = await fastify.migrations.status()
  t.same(status.pending.map((m) => m.id), ['001-initial-indexes'])
  t.same(status.applied, [])
  t.ok(logs.some((l) => l.includes('pending migrations and MIGRATE_ON_START=false')), 'a warning says so')
  t.same(await fastify.migrations.up(), ['001-initial-indexes'], 'the decorated runner applies them')
})
