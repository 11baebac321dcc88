import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Db } from 'mongodb'
import { DEFAULT_SYSTEM_PROMPT } from '../../../lib/assistant/prompts.js'
import { migrations } from '../../../lib/migrations/index.js'
import { createMigrator, validateMigrations } from '../../../lib/migrations/runner.js'
import type { Migration } from '../../../lib/migrations/types.js'
import { embeddedDb } from '../embedded-db.js'

async function indexNames (db: Db, collection: string): Promise<string[]> {
  return (await db.collection(collection).listIndexes().toArray()).map((i) => String(i.name)).sort()
}

function recordingMigration (id: string, calls: string[], delayMs = 0): Migration {
  return {
    id,
    description: `test migration ${id}`,
    async up () { calls.push(`up ${id}`); await sleep(delayMs) },
    async down () { calls.push(`down ${id}`) }
  }
}

test('the initial migration creates the DESIGN.md indexes with stable names and options', async (t) => {
  const { db } = await embeddedDb(t)
  const migrator = createMigrator({ db, migrations })
  t.same(await migrator.up(), ['001-initial-indexes', '002-default-prompt', '003-audit-log'])

  const status = await migrator.status()
  const indexes = new Map(status.collections.flatMap((c) => c.indexes.map((i) => [`${c.name}.${i.name}`, i])))
  t.same(indexes.get('conversations.conversations_owner_updated')?.key, { ownerId: 1, updatedAt: -1, _id: -1 })
  t.match(indexes.get('messages.messages_conversation_seq'), { key: { conversationId: 1, seq: 1 }, options: { unique: true } })
  t.match(indexes.get('sessions.sessions_expires_ttl'), { key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } })
  t.match(indexes.get('idempotency.idempotency_expires_ttl'), { key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } })
  t.match(indexes.get('api_keys.api_keys_hash'), { key: { hash: 1 }, options: { unique: true } })
  t.match(indexes.get('prompts.prompts_platform_version'), { key: { platform: 1, version: 1 }, options: { unique: true } })

  await db.collection('messages').insertOne({ conversationId: 'c', seq: 1 })
  await t.rejects(db.collection('messages').insertOne({ conversationId: 'c', seq: 1 }), { code: 11000 }, 'the unique index holds')
})

test('up applies pending migrations in order, once, and records them', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  const list = [recordingMigration('001-a', calls), recordingMigration('002-b', calls)]
  const migrator = createMigrator({ db, migrations: list })
  t.same(await migrator.up(), ['001-a', '002-b'])
  t.same(await migrator.up(), [], 'nothing left to apply')
  t.same(calls, ['up 001-a', 'up 002-b'])
  const records = await db.collection('migrations').find({}).sort({ _id: 1 }).toArray()
  t.match(records, [{ _id: '001-a', state: 'applied', appliedAt: Date }, { _id: '002-b', state: 'applied' }])

  const later = createMigrator({ db, migrations: [...list, recordingMigration('003-c', calls)] })
  t.same(await later.up(), ['003-c'], 'a new release applies only its new migration')
})

test('down reverts the last applied migration, one per call', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  const migrator = createMigrator({ db, migrations: [recordingMigration('001-a', calls), recordingMigration('002-b', calls)] })
  t.equal(await migrator.down(), null, 'nothing to revert on a fresh database')
  await migrator.up()
  t.equal(await migrator.down(), '002-b')
  t.same((await migrator.status()).pending.map((m) => m.id), ['002-b'])
  t.equal(await migrator.down(), '001-a')
  t.equal(await migrator.down(), null)
  t.same(calls, ['up 001-a', 'up 002-b', 'down 002-b', 'down 001-a'])
  t.equal(await db.collection('migrations').countDocuments(), 0)
})

test('the default prompt is seeded once, kept when edited, and removed by down only while unchanged', async (t) => {
  const { db } = await embeddedDb(t)
  const migrator = createMigrator({ db, migrations })
  await migrator.up()
  const prompts = db.collection('prompts')
  t.match(await prompts.find({}).toArray(), [{ platform: 'default', version: 1, active: true, text: DEFAULT_SYSTEM_PROMPT }])
  t.equal(await migrator.down(), '003-audit-log')
  t.equal(await migrator.down(), '002-default-prompt')
  t.equal(await prompts.countDocuments(), 0)
  await prompts.insertOne({ platform: 'default', version: 1, text: 'edited by hand', active: true })
  await migrator.up()
  t.match(await prompts.find({}).toArray(), [{ text: 'edited by hand' }], 'an existing default is left alone')
  await migrator.down()
  await migrator.down()
  t.equal(await prompts.countDocuments(), 1, 'an edited default survives down')
})

test('down of the initial migration drops its indexes and up restores them', async (t) => {
  const { db } = await embeddedDb(t)
  const migrator = createMigrator({ db, migrations })
  await migrator.up()
  t.same(await indexNames(db, 'api_keys'), ['_id_', 'api_keys_hash'])
  t.same(await indexNames(db, 'audit_log'), ['_id_', 'audit_log_action_seq'])
  t.equal(await migrator.down(), '003-audit-log')
  t.same(await indexNames(db, 'audit_log'), ['_id_'], 'down drops the index and keeps the entries\' collection')
  t.same(await migrator.up(), ['003-audit-log'], 'up again works on the existing collection')
  t.equal(await migrator.down(), '003-audit-log')
  t.equal(await migrator.down(), '002-default-prompt')
  t.equal(await migrator.down(), '001-initial-indexes')
  t.same(await indexNames(db, 'api_keys'), ['_id_'])
  t.same(await indexNames(db, 'conversations'), ['_id_'])
  await migrator.up()
  t.same(await indexNames(db, 'conversations'), ['_id_', 'conversations_owner_updated'])
})

test('status lists applied and pending migrations and the indexes of each collection', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  await createMigrator({ db, migrations }).up()
  const migrator = createMigrator({ db, migrations: [...migrations, recordingMigration('999-next', calls)] })
  const status = await migrator.status()
  t.match(status.applied, [{ id: '001-initial-indexes', appliedAt: Date }])
  t.match(status.pending, [{ id: '999-next', description: 'test migration 999-next', indexes: [] }])
  t.same(status.inProgress, [])
  t.same(status.unknown, [])
  t.same(status.collections.map((c) => c.name), ['api_keys', 'audit_log', 'conversations', 'idempotency', 'messages', 'migrations', 'prompts', 'sessions'])
  const fresh = await createMigrator({ db: db.client.db(db.databaseName + '_fresh'), migrations }).status()
  t.same(fresh.collections, [], 'a fresh database has no collections')
  t.equal(fresh.pending[0]?.indexes.length, 6, 'pending migrations declare the indexes they would create')
})

test('two instances starting together apply each migration exactly once', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  const list = [recordingMigration('001-slow', calls, 150), recordingMigration('002-next', calls)]
  const results = await Promise.all([
    createMigrator({ db, migrations: list, pollMs: 20 }).up(),
    createMigrator({ db, migrations: list, pollMs: 20 }).up()
  ])
  t.same(calls.filter((c) => c === 'up 001-slow'), ['up 001-slow'], 'the slow migration ran once')
  t.same(calls.filter((c) => c === 'up 002-next'), ['up 002-next'])
  t.same(results.flat().sort(), ['001-slow', '002-next'], 'each id was applied by exactly one instance')
  t.match(await createMigrator({ db, migrations: list }).status(), { pending: [], inProgress: [] })
})

test('the waiting instance continues only after the claimed migration is applied', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  const list = [recordingMigration('001-slow', calls, 200)]
  const first = createMigrator({ db, migrations: list }).up()
  await sleep(50)
  const second = await createMigrator({ db, migrations: list, pollMs: 20 }).up()
  t.same(second, [])
  t.match(await db.collection<{ _id: string }>('migrations').findOne({ _id: '001-slow' }), { state: 'applied' }, 'applied when the waiter returns')
  t.same(await first, ['001-slow'])
})

test('a claim left by a process that died is taken over once stale', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  let now = Date.parse('2025-01-01T00:00:00Z')
  await db.collection<{ _id: string, description: string, state: string, startedAt: Date }>('migrations')
    .insertOne({ _id: '001-a', description: 'x', state: 'applying', startedAt: new Date(now - 1000) })
  const logs: string[] = []
  const migrator = createMigrator({ db, migrations: [recordingMigration('001-a', calls)], now: () => new Date(now), staleAfterMs: 60_000, pollMs: 10, log: (m) => logs.push(m) })
  t.match((await migrator.status()).inProgress, [{ id: '001-a', state: 'applying' }])
  const pending = migrator.up()
  await sleep(60)
  t.same(calls, [], 'a fresh claim is waited for, not stolen')
  now += 60_000
  t.same(await pending, ['001-a'])
  t.same(calls, ['up 001-a'])
  t.ok(logs.some((l) => l.includes('taking over 001-a')))
})

test('a failing migration releases its claim, stops the run and can be retried', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  let fail = true
  const flaky: Migration = {
    id: '002-flaky',
    description: 'fails the first time',
    async up () { if (fail) throw new Error('boom') },
    async down () {}
  }
  const list = [recordingMigration('001-a', calls), flaky, recordingMigration('003-c', calls)]
  const migrator = createMigrator({ db, migrations: list })
  await t.rejects(migrator.up(), /boom/)
  t.same(calls, ['up 001-a'], 'later migrations did not run')
  t.same((await migrator.status()).pending.map((m) => m.id), ['002-flaky', '003-c'])
  t.same((await migrator.status()).inProgress, [], 'no claim left behind')
  fail = false
  t.same(await migrator.up(), ['002-flaky', '003-c'])
})

test('a failing down keeps the migration applied', async (t) => {
  const { db } = await embeddedDb(t)
  const stubborn: Migration = { id: '001-s', description: 's', async up () {}, async down () { throw new Error('cannot') } }
  const migrator = createMigrator({ db, migrations: [stubborn] })
  await migrator.up()
  await t.rejects(migrator.down(), /cannot/)
  t.match(await migrator.status(), { applied: [{ id: '001-s' }], inProgress: [] })
})

test('down refuses to revert a migration this version does not know', async (t) => {
  const { db } = await embeddedDb(t)
  const calls: string[] = []
  await createMigrator({ db, migrations: [recordingMigration('001-a', calls), recordingMigration('002-newer', calls)] }).up()
  const older = createMigrator({ db, migrations: [recordingMigration('001-a', calls)] })
  t.same((await older.status()).unknown, ['002-newer'])
  await t.rejects(older.down(), /'002-newer' is unknown to this version/)
})

test('migrations must be listed with unique ids in ascending order', async (t) => {
  const calls: string[] = []
  t.throws(() => validateMigrations([recordingMigration('002-b', calls), recordingMigration('001-a', calls)]), /ascending order/)
  t.throws(() => validateMigrations([recordingMigration('001-a', calls), recordingMigration('001-a', calls)]), /unique ids/)
  t.doesNotThrow(() => validateMigrations(migrations))
})
