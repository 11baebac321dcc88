import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'tap'
import { createAuditLog } from '../../../lib/audit-log/store.js'
import { BSON, MongoClient, type Db } from 'mongodb'
import { resolveMongoTarget } from '../../../lib/mongo/target.js'
import { backupCommand } from '../../../lib/backup/backup-cli.js'
import { restoreCommand } from '../../../lib/backup/restore-cli.js'
import type { CliIo } from '../../../lib/cli/io.js'
import { openCliDatabase } from '../../../lib/cli/database.js'
import { build, TEST_API_KEY } from '../../helper.js'

function capture (): CliIo & { stdout: () => string, stderr: () => string } {
  const out: string[] = []
  const err: string[] = []
  return { out: (s) => { out.push(s) }, err: (s) => { err.push(s) }, stdout: () => out.join('\n'), stderr: () => err.join('\n') }
}

// Every collection's documents as their exact BSON bytes (so types count, not only values), and its indexes.
async function snapshot (db: Db): Promise<Record<string, { documents: string[], indexes: unknown[] }>> {
  const result: Record<string, { documents: string[], indexes: unknown[] }> = {}
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    // The audit log gains an entry per backup and restore; its own assertions are below.
    if (name === 'audit_log') continue
    const raw = await db.collection(name).find({}, { raw: true }).toArray() as unknown as Buffer[]
    const indexes = (await db.collection(name).listIndexes().toArray())
      .map(({ v: _v, ns: _ns, ...spec }) => spec)
      .sort((a, b) => String(a.name).localeCompare(String(b.name)))
    result[name] = { documents: raw.map((bytes) => bytes.toString('hex')).sort(), indexes }
  }
  return result
}

const headers = { 'x-api-key': TEST_API_KEY }

test('backup, drop, restore: every document (BSON types included) and every index comes back', async (t) => {
  const server = await resolveMongoTarget({})
  t.teardown(() => server.close())
  const env = { MONGODB_URI: server.uri, MONGODB_DB: 'acai_backup' }
  const client = new MongoClient(server.uri)
  t.teardown(() => client.close())
  const db = client.db('acai_backup')
  const out = await mkdtemp(join(tmpdir(), 'acai-backup-'))
  t.teardown(() => rm(out, { recursive: true, force: true }))

  // The app writes a conversation, its messages, the bootstrap key and the migrations record.
  let conversationId = ''
  await t.test('the app fills the database', async (t) => {
    const app = await build(t, { ...env, MONGODB_TIMEOUT_MS: '15000' })
    const started = await app.inject({ method: 'POST', url: '/v1/conversations', headers, payload: { message: 'what time is it in Tokyo?' } })
    t.equal(started.statusCode, 201)
    conversationId = started.json().conversation.id
  })
  // A chat bot's session, as DESIGN.md 4 stores it (its TTL index comes from the migrations).
  await db.collection<{ _id: string, conversationId: BSON.ObjectId, expiresAt: Date }>('sessions').insertOne({ _id: 'telegram:-100:owner', conversationId: new BSON.ObjectId(conversationId), expiresAt: new Date('2026-06-01T00:00:00Z') })
  // Values whose type a JSON round trip would lose.
  await db.collection('typed').insertOne({
    int: new BSON.Int32(7),
    double: new BSON.Double(7),
    long: BSON.Long.fromString('9007199254740993'),
    decimal: BSON.Decimal128.fromString('0.1'),
    date: new Date('2026-01-02T03:04:05.678Z'),
    binary: new BSON.Binary(Buffer.from([0, 1, 2]), 4),
    regex: new BSON.BSONRegExp('^a', 'i'),
    nested: { list: [new BSON.Int32(1), 1.5, null] }
  })
  await db.collection('typed').createIndex({ 'nested.list': 1 }, { name: 'typed_partial', partialFilterExpression: { int: { $gt: 1 } } })
  const before = await snapshot(db)
  for (const name of ['conversations', 'messages', 'sessions', 'api_keys', 'migrations', 'typed']) {
    t.ok((before[name]?.documents.length ?? 0) > 0, `${name} holds documents`)
  }

  const backup = capture()
  t.equal(await backupCommand(['--out', out], env, backup, () => new Date('2026-04-12T09:30:05Z')), 0, backup.stderr())
  t.match((await createAuditLog({ db }).list({ limit: 1 })).items, [{ action: 'backup.created', actor: { type: 'cli' }, target: 'backup:backup-20260412-093005', ip: null, outcome: 'success' }], 'the backup is audited')
  const dbDir = join(out, 'backup-20260412-093005', 'acai_backup')
  t.equal(backup.stdout(), dbDir, 'prints the path to restore')
  const metadata = BSON.EJSON.parse(await readFile(join(dbDir, 'messages.metadata.json'), 'utf8'))
  t.match(metadata, { collectionName: 'messages', type: 'collection', indexes: [{ name: '_id_' }, { key: { conversationId: 1, seq: 1 }, unique: true }] }, 'mongodump metadata')
  const manifest = JSON.parse(await readFile(join(out, 'backup-20260412-093005', 'manifest.json'), 'utf8'))
  t.equal(manifest.collections.find((c: { name: string }) => c.name === 'typed').count, 1)

  await db.dropDatabase()
  t.same(await snapshot(db), {}, 'the database is gone')

  const restore = capture()
  t.equal(await restoreCommand([dbDir], env, restore), 0, restore.stderr())
  t.match(restore.stderr(), 'every count and index verified')
  t.same(await snapshot(db), before, 'byte-identical documents and the same indexes')

  const refused = capture()
  t.equal(await restoreCommand([join(out, 'backup-20260412-093005')], env, refused), 1, 'refuses to merge into existing data')
  t.match(refused.stderr(), 'restore with --drop')
  const dropped = capture()
  t.equal(await restoreCommand([join(out, 'backup-20260412-093005'), '--drop'], env, dropped), 0, dropped.stderr())
  t.same(await snapshot(db), before, '--drop replaces the data with the backup')
  const audit = createAuditLog({ db })
  t.match((await audit.list({ limit: 1 })).items, [{ action: 'backup.restored', actor: { type: 'cli' }, target: 'backup:backup-20260412-093005', outcome: 'success' }], 'the restore is audited')
  t.match(await audit.verify(), { ok: true }, 'its entry continues the restored chain')

  await t.test('a corrupted file makes restore fail before touching the database', async (t) => {
    const copy = join(out, 'corrupt')
    await cp(join(out, 'backup-20260412-093005'), copy, { recursive: true })
    const file = join(copy, 'acai_backup', 'messages.bson')
    const bytes = await readFile(file)
    bytes[bytes.length - 3] ^= 0xff
    await writeFile(file, bytes)
    const io = capture()
    t.equal(await restoreCommand([copy, '--drop'], env, io), 1)
    t.match(io.stderr(), 'checksum differs from the manifest')
    t.match((await createAuditLog({ db }).list({ limit: 1 })).items, [{ action: 'backup.restored', target: 'backup:corrupt', outcome: 'failure' }], 'a failed restore is audited as one')
    t.same(await snapshot(db), before, 'nothing was dropped')
  })

  await t.test('a truncated mongodump directory without manifest fails too', async (t) => {
    const copy = join(out, 'truncated')
    await cp(dbDir, copy, { recursive: true })
    const file = join(copy, 'conversations.bson')
    const bytes = await readFile(file)
    await writeFile(file, bytes.subarray(0, bytes.length - 10))
    const io = capture()
    t.equal(await restoreCommand([copy, '--drop'], env, io), 1)
    t.match(io.stderr(), 'has no manifest')
    t.match(io.stderr(), 'truncated file')
  })
})

test('backup and restore on a DATA_DIR: works when no server holds it, explains when one does', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'acai-datadir-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const env = { DATA_DIR: join(dir, 'data') }
  const seeded = await openCliDatabase(env)
  await seeded.db.collection('notes').insertMany([{ n: 1 }, { n: 2 }])
  await seeded.close()

  const backup = capture()
  t.equal(await backupCommand(['--out', join(dir, 'backups')], env, backup), 0, backup.stderr())
  t.match(backup.stdout(), /backups\/backup-\d{8}-\d{6}\/acai$/)
  const restore = capture()
  t.equal(await restoreCommand([backup.stdout(), '--drop'], env, restore), 0, restore.stderr())
  t.match(restore.stdout(), /notes\s+2\s+1/)

  // A lock held by a live process other than this one: the tap runner that started this test.
  await writeFile(join(dir, 'data', 'LOCK'), `${process.ppid}\n`)
  const locked = capture()
  t.equal(await backupCommand([], env, locked), 1)
  t.match(locked.stderr(), `is in use by process ${process.ppid}`)
  t.match(locked.stderr(), 'acai mongo --data-dir DIR')
})

test('backup and restore refuse an in-memory database and bad arguments', async (t) => {
  const backup = capture()
  t.equal(await backupCommand([], {}, backup), 1)
  t.match(backup.stderr(), 'no database to back up')
  const restore = capture()
  t.equal(await restoreCommand(['/nonexistent/backup'], {}, restore), 1)
  t.match(restore.stderr(), 'cannot read backup directory')
  const usage = capture()
  t.equal(await restoreCommand([], {}, usage), 1)
  t.match(usage.stderr(), 'usage: acai restore PATH')
  const help = capture()
  t.equal(await backupCommand(['--help'], {}, help), 0)
  t.match(help.stdout(), 'usage: acai backup')
  const restoreHelp = capture()
  t.equal(await restoreCommand(['-h'], {}, restoreHelp), 0)
  t.match(restoreHelp.stdout(), 'usage: acai restore')
  const unknown = capture()
  t.equal(await backupCommand(['--bogus'], {}, unknown), 1)
})
