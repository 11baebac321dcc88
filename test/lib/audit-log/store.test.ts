import { test } from 'tap'
import type { Db } from 'mongodb'
import { entryHash, GENESIS_HASH, type AuditEntry, type AuditEvent } from '../../../lib/audit-log/chain.js'
import { createFailureBursts, keyPrefixOf, type FailureBurst } from '../../../lib/audit-log/failure-bursts.js'
import { AUDIT_TTL_INDEX, createAuditLog } from '../../../lib/audit-log/store.js'
import { auditEntryView } from '../../../lib/audit-log/view.js'
import { embeddedDb } from '../embedded-db.js'

function event (i: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return { actor: { type: 'key', keyId: 'a'.repeat(24), name: 'ops' }, action: 'key.created', target: `key:${i}`, ip: '10.0.0.1', requestId: `req-${i}`, outcome: 'success', ...overrides }
}

// A forger with database access: edits an entry and recomputes its own hash.
async function rehash (db: Db, seq: number, changes: Partial<AuditEntry>): Promise<void> {
  const doc = await db.collection('audit_log').findOne({ _id: seq as never })
  if (doc === null) throw new Error(`no entry ${seq}`)
  const { _id: _ignored, hash: _old, ...fields } = doc as unknown as Omit<AuditEntry, 'seq'> & { _id: number }
  const body = { ...fields, ...changes, seq }
  const { seq: _seq, ...stored } = { ...body, hash: entryHash(body) }
  await db.collection('audit_log').replaceOne({ _id: seq as never }, stored)
}

async function fiveEntries (t: Parameters<typeof embeddedDb>[0]) {
  const { db } = await embeddedDb(t)
  const log = createAuditLog({ db })
  for (let i = 1; i <= 5; i++) await log.append(event(i))
  return { db, log, entries: db.collection<{ _id: number }>('audit_log') }
}

test('entries chain: each stores the hash of the previous one and of itself; an untouched log verifies', async (t) => {
  const { log } = await fiveEntries(t)
  const { items } = await log.list({ limit: 10 })
  t.same(items.map((e) => e.seq), [5, 4, 3, 2, 1], 'newest first')
  t.equal(items.at(-1)?.prevHash, GENESIS_HASH)
  for (let i = 0; i < items.length - 1; i++) t.equal(items[i]?.prevHash, items[i + 1]?.hash)
  t.match(await log.verify(), { ok: true, entries: 5, firstSeq: 1, lastSeq: 5, headHash: items[0]?.hash })
  t.match(auditEntryView(items[0]!), { seq: 5, time: /^\d{4}-/, actor: { name: 'ops' }, requestId: 'req-5' })
})

test('verify names the entry when one is edited', async (t) => {
  const { log, entries } = await fiveEntries(t)
  await entries.updateOne({ _id: 3 }, { $set: { outcome: 'failure' } })
  t.match(await log.verify(), { ok: false, entries: 2, bad: { seq: 3 }, reason: /edited/ })
})

test('verify names the entry after one that was deleted', async (t) => {
  const { log, entries } = await fiveEntries(t)
  await entries.deleteOne({ _id: 3 })
  t.match(await log.verify(), { ok: false, bad: { seq: 4 }, reason: /entries 3 to 3 are missing/ })
})

test('verify names the first of two swapped entries', async (t) => {
  const { log, entries } = await fiveEntries(t)
  const two = await entries.findOne({ _id: 2 })
  const three = await entries.findOne({ _id: 3 })
  await entries.replaceOne({ _id: 2 }, { ...three, _id: 2 })
  await entries.replaceOne({ _id: 3 }, { ...two, _id: 3 })
  t.match(await log.verify(), { ok: false, bad: { seq: 2 } })
})

test('verify names an entry replaced by a re-hashed forgery: the next link breaks', async (t) => {
  const { log, db } = await fiveEntries(t)
  await rehash(db, 3, { target: 'key:forged' })
  t.match(await log.verify(), { ok: false, bad: { seq: 4 }, reason: /does not follow entry 3/ })
})

test('verify starts from the oldest remaining entry: a prefix removed by retention is tolerated', async (t) => {
  const { log, entries } = await fiveEntries(t)
  await entries.deleteMany({ _id: { $lte: 2 } })
  t.match(await log.verify(), { ok: true, entries: 3, firstSeq: 3, lastSeq: 5 })
  await entries.updateOne({ _id: 3 }, { $set: { target: 'changed' } })
  t.match(await log.verify(), { ok: false, bad: { seq: 3 } }, 'the oldest remaining entry is still checked')
})

test('an empty log verifies; a first entry that does not start the chain does not', async (t) => {
  const { db } = await embeddedDb(t)
  const log = createAuditLog({ db })
  t.match(await log.verify(), { ok: true, entries: 0, firstSeq: null, headHash: null })
  await log.append(event(1))
  await rehash(db, 1, { prevHash: 'f'.repeat(64) })
  t.match(await log.verify(), { ok: false, bad: { seq: 1 }, reason: /does not start the chain/ })
})

test('two instances appending at once never fork the chain', async (t) => {
  const { db } = await embeddedDb(t)
  const a = createAuditLog({ db })
  const b = createAuditLog({ db })
  await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).append(event(i))))
  const report = await a.verify()
  t.match(report, { ok: true, entries: 20, firstSeq: 1, lastSeq: 20 })
  const targets = (await a.list({ limit: 50 })).items.map((e) => e.target).sort()
  t.equal(new Set(targets).size, 20, 'every append got its own entry')
})

test('an append gives up after too many lost races', async (t) => {
  const { db } = await embeddedDb(t)
  await t.rejects(createAuditLog({ db, maxAttempts: 0 }).append(event(1)), /no free sequence number after 0 attempts/)
})

test('list filters by action, actor and time, and pages by sequence number', async (t) => {
  const { db } = await embeddedDb(t)
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const log = createAuditLog({ db, now: () => new Date(clock += 60_000) })
  await log.append(event(1))
  await log.append(event(2, { action: 'key.revoked' }))
  await log.append(event(3, { actor: { type: 'cli' }, action: 'backup.created', ip: null, requestId: null }))
  await log.append(event(4, { action: 'auth.failures', actor: { type: 'anonymous' }, outcome: 'failure', count: 7 }))
  t.same((await log.list({ action: 'key.revoked', limit: 10 })).items.map((e) => e.seq), [2])
  t.same((await log.list({ actor: 'cli', limit: 10 })).items.map((e) => e.seq), [3])
  t.same((await log.list({ actor: 'a'.repeat(24), limit: 10 })).items.map((e) => e.seq), [2, 1])
  t.same((await log.list({ since: new Date('2026-01-01T00:02:00Z'), until: new Date('2026-01-01T00:04:00Z'), limit: 10 })).items.map((e) => e.seq), [3, 2])
  const first = await log.list({ limit: 3 })
  t.same(first.items.map((e) => e.seq), [4, 3, 2])
  t.equal(first.next, 2)
  const second = await log.list({ limit: 3, before: 2 })
  t.same(second.items.map((e) => e.seq), [1])
  t.equal(second.next, null)
  t.equal(first.items[0]?.count, 7)
  t.notOk('count' in (second.items[0] ?? {}), 'no count on ordinary entries')
})

test('ensureRetention keeps one TTL index on time matching the configured days', async (t) => {
  const { db } = await embeddedDb(t)
  const log = createAuditLog({ db })
  await log.ensureRetention(365)
  const ttl = async () => (await db.collection('audit_log').listIndexes().toArray()).find((i) => i.name === AUDIT_TTL_INDEX)
  t.match(await ttl(), { key: { time: 1 }, expireAfterSeconds: 365 * 86_400 })
  await log.ensureRetention(365)
  await log.ensureRetention(30)
  t.match(await ttl(), { expireAfterSeconds: 30 * 86_400 }, 'a changed retention replaces the index')
})

test('failed authentications are counted per key prefix, IP and minute, and emitted when the minute is over', async (t) => {
  let clock = Date.parse('2026-01-01T10:00:10Z')
  const emitted: FailureBurst[] = []
  const bursts = createFailureBursts({ now: () => new Date(clock), emit: (b) => emitted.push(b), maxBuckets: 2 })
  bursts.record('acai_abc', '10.0.0.1')
  bursts.record('acai_abc', '10.0.0.1')
  bursts.record('acai_xyz', '10.0.0.1')
  bursts.record('acai_new', '10.0.0.9')
  bursts.record('acai_new', '10.0.0.9')
  t.equal(bursts.flush(), 0, 'the minute is not over')
  t.equal(bursts.pending, 3)
  clock += 60_000
  t.equal(bursts.flush(), 3)
  t.match(emitted, [
    { keyPrefix: 'acai_abc', ip: '10.0.0.1', count: 2, minute: new Date('2026-01-01T10:00:00Z') },
    { keyPrefix: 'acai_xyz', ip: '10.0.0.1', count: 1 },
    { keyPrefix: '(overflow)', ip: '(overflow)', count: 2 }
  ])
  bursts.record('acai_abc', '10.0.0.1')
  t.equal(bursts.flush(true), 1, 'at shutdown the current minute is written too')
  t.equal(keyPrefixOf(undefined), '(none)')
  t.equal(keyPrefixOf('acai_0123456789'), 'acai_012')
})
