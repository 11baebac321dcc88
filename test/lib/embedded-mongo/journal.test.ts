import { test } from 'tap'
import { appendFile, cp, mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { Binary, Decimal128, Double, Int32, Long, ObjectId, serialize } from 'bson'
import { Journal, JournalCorruptError } from '../../../lib/embedded-mongo/journal.js'
import { LOCK_FILE } from '../../../lib/embedded-mongo/dir-lock.js'

const journalFile = (dir: string, generation: number) => join(dir, `journal-${String(generation).padStart(10, '0')}.log`)

test('entries appended before close are recovered in order with their BSON types', async (t) => {
  const dir = t.testdir()
  const id = new ObjectId()
  const { journal, recovered } = await Journal.open({ dir })
  t.same(recovered, { snapshot: [], entries: [] })
  await journal.append({ op: 'insert', doc: { _id: id, n: 1 } })
  await journal.append({
    op: 'insert',
    doc: { long: Long.fromString('9007199254740993'), dec: Decimal128.fromString('1.10'), at: new Date(5), bin: new Binary(Buffer.from('hi')) }
  })
  await journal.close()

  const reopened = await Journal.open({ dir, deserialize: { promoteLongs: false } })
  t.after(() => reopened.journal.close())
  const [first, second] = reopened.recovered.entries
  t.equal(reopened.recovered.entries.length, 2)
  t.ok(first.doc._id.equals(id))
  t.equal(second.doc.long.toString(), '9007199254740993')
  t.ok(second.doc.long instanceof Long)
  t.equal(second.doc.dec.toString(), '1.10')
  t.equal(second.doc.at.getTime(), 5)
  t.equal(Buffer.from(second.doc.bin.buffer).toString(), 'hi')
})

test('numbers come back as int32, double and int64 wrappers unless the owner asks otherwise', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir })
  await journal.append({ i: 1, d: new Double(1), l: Long.fromNumber(2) })
  await journal.close()
  const wrapped = await Journal.open({ dir })
  await wrapped.journal.close()
  const [entry] = wrapped.recovered.entries
  t.ok(entry.i instanceof Int32)
  t.ok(entry.d instanceof Double)
  t.ok(entry.l instanceof Long)
  const promoted = await Journal.open({ dir, deserialize: {} })
  t.after(() => promoted.journal.close())
  t.same(promoted.recovered.entries, [{ i: 1, d: 1, l: 2 }])
})

test('an append resolves only once its bytes are in the file, and concurrent appends share one fsync', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir, groupCommitMs: 5 })
  t.after(() => journal.close())

  const probe = await open(join(dir, 'probe'), 'w')
  const prototype: { datasync: () => Promise<void> } = Object.getPrototypeOf(probe)
  await probe.close()
  const original = prototype.datasync
  let syncs = 0
  prototype.datasync = function (this: unknown) {
    syncs++
    return original.call(this)
  }
  t.teardown(() => { prototype.datasync = original })

  const sizesAtResolve: number[] = []
  const appends = Array.from({ length: 200 }, (_, i) => journal.append({ i }).then(async () => {
    sizesAtResolve.push((await stat(journalFile(dir, 0))).size)
  }))
  await Promise.all(appends)
  t.equal(syncs, 1, 'one fsync for a burst of appends')
  const fullSize = (await stat(journalFile(dir, 0))).size
  t.ok(sizesAtResolve.every((size) => size === fullSize))

  // Appends made while a write is in flight ride on the next single write.
  syncs = 0
  const first = journal.append({ wave: 1 })
  await new Promise((resolve) => setTimeout(resolve, 6))
  const second = Array.from({ length: 50 }, (_, i) => journal.append({ wave: 2, i }))
  await Promise.all([first, ...second])
  t.ok(syncs <= 2, `at most two fsyncs for two waves (saw ${syncs})`)
})

test('a lone writer is not held for the group commit window, concurrent writers are', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir, groupCommitMs: 60_000 })
  const timeout = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('waited'), ms).unref())
  for (let i = 0; i < 3; i++) {
    t.equal(await Promise.race([journal.append({ i }).then(() => 'written'), timeout(5_000)]), 'written')
  }
  await journal.close()

  const windowed = await Journal.open({ dir, groupCommitMs: 1_000 })
  t.after(() => windowed.journal.close())
  await Promise.all([windowed.journal.append({ burst: 1 }), windowed.journal.append({ burst: 2 })])
  let firstDone = false
  const first = windowed.journal.append({ late: 1 }).then(() => { firstDone = true })
  await new Promise((resolve) => setTimeout(resolve, 20))
  t.notOk(firstDone, 'after a burst, a lone append waits for company')
  await Promise.all([first, windowed.journal.append({ late: 2 })])
  t.equal(windowed.recovered.entries.length, 3)
})

test('a torn or corrupt tail is dropped at open and truncated, and appends continue after it', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir })
  await journal.append({ n: 1 })
  await journal.append({ n: 2 })
  await journal.close()
  const path = journalFile(dir, 0)
  const goodSize = (await stat(path)).size

  // Half of a record: the length promises more bytes than the file holds.
  const torn = Buffer.alloc(12)
  torn.writeUInt32LE(100, 0)
  await appendFile(path, torn)
  let reopened = await Journal.open({ dir })
  t.same(reopened.recovered.entries, [{ n: 1 }, { n: 2 }])
  t.equal((await stat(path)).size, goodSize)
  await reopened.journal.append({ n: 3 })
  await reopened.journal.close()

  // A complete record whose checksum does not match its bytes.
  const data = await readFile(path)
  const lastStart = data.length - (data.readUInt32LE(goodSize) + 8)
  data[data.length - 2] ^= 0xff
  await writeFile(path, data)
  reopened = await Journal.open({ dir })
  t.same(reopened.recovered.entries, [{ n: 1 }, { n: 2 }])
  t.equal((await stat(path)).size, lastStart)
  await reopened.journal.close()
})

test('compaction replaces the journal with a snapshot that survives reopening', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir })
  await journal.append({ n: 1 })
  await journal.append({ n: 2 })
  t.ok(journal.bytesSinceCompact > 0)
  const compacted = journal.compact([{ doc: 'a' }, { doc: 'b' }])
  const afterCompact = journal.append({ n: 3 })
  await Promise.all([compacted, afterCompact])
  t.ok(journal.bytesSinceCompact > 0 && journal.bytesSinceCompact < 40, 'only the later append is counted')
  await journal.close()

  t.same((await readdir(dir)).sort(), ['journal-0000000001.log', 'snapshot.bson'])
  const reopened = await Journal.open({ dir })
  t.same(reopened.recovered, { snapshot: [{ doc: 'a' }, { doc: 'b' }], entries: [{ n: 3 }] })
  await reopened.journal.compact([])
  await reopened.journal.close()
  const again = await Journal.open({ dir })
  t.after(() => again.journal.close())
  t.same(again.recovered, { snapshot: [], entries: [] })
})

test('a crash before the snapshot rename recovers the old snapshot plus every journal generation', async (t) => {
  const dir = t.testdir({ live: {}, crashed: {} })
  const live = join(dir, 'live')
  const crashed = join(dir, 'crashed')
  const { journal } = await Journal.open({ dir: live })
  await journal.append({ n: 1 })
  await journal.append({ n: 2 })
  await journal.close()
  await cp(live, crashed, { recursive: true })

  const reopened = await Journal.open({ dir: live })
  await reopened.journal.compact([{ state: [1, 2] }])
  await reopened.journal.append({ n: 3 })
  await reopened.journal.close()

  // The crashed copy has the new generation's appends and a half-written snapshot, but no rename.
  await cp(journalFile(live, 1), journalFile(crashed, 1))
  await writeFile(join(crashed, 'snapshot.bson.tmp'), (await readFile(join(live, 'snapshot.bson'))).subarray(0, 20))
  const recovered = await Journal.open({ dir: crashed })
  t.after(() => recovered.journal.close())
  t.same(recovered.recovered, { snapshot: [], entries: [{ n: 1 }, { n: 2 }, { n: 3 }] })
  t.notOk((await readdir(crashed)).includes('snapshot.bson.tmp'))
})

test('a crash after the snapshot rename ignores and removes the generation it covers', async (t) => {
  const dir = t.testdir({ live: {}, crashed: {} })
  const live = join(dir, 'live')
  const crashed = join(dir, 'crashed')
  const { journal } = await Journal.open({ dir: live })
  await journal.append({ n: 1 })
  await journal.close()
  await cp(journalFile(live, 0), journalFile(crashed, 0))

  const reopened = await Journal.open({ dir: live })
  await reopened.journal.compact([{ state: [1] }])
  await reopened.journal.append({ n: 2 })
  await reopened.journal.close()
  await cp(join(live, 'snapshot.bson'), join(crashed, 'snapshot.bson'))
  await cp(journalFile(live, 1), journalFile(crashed, 1))

  const recovered = await Journal.open({ dir: crashed })
  t.after(() => recovered.journal.close())
  t.same(recovered.recovered, { snapshot: [{ state: [1] }], entries: [{ n: 2 }] })
  t.notOk((await readdir(crashed)).includes('journal-0000000000.log'))
})

test('a damaged snapshot refuses to open instead of starting from less data', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir })
  await journal.compact([{ a: 1 }, { b: 2 }])
  await journal.close()
  const path = join(dir, 'snapshot.bson')
  const data = await readFile(path)
  await writeFile(path, data.subarray(0, data.length - 3))
  await t.rejects(Journal.open({ dir }), JournalCorruptError)
})

test('appends and compactions after close are refused', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir, groupCommitMs: 0 })
  const pending = journal.append({ n: 1 })
  await journal.close()
  await pending
  await t.rejects(journal.append({ n: 2 }), /closed/)
  await t.rejects(journal.compact([]), /closed/)
  const reopened = await Journal.open({ dir })
  t.after(() => reopened.journal.close())
  t.same(reopened.recovered.entries, [{ n: 1 }])
})

test('a failed snapshot leaves the journal usable and every generation replayable', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir })
  await journal.append({ n: 1 })
  // A directory in the snapshot's place makes the rename fail, as a crash before it would.
  await mkdir(join(dir, 'snapshot.bson', 'blocker'), { recursive: true })
  await t.rejects(journal.compact([{ state: [1] }]))
  await journal.append({ n: 2 })
  await journal.close()
  t.notOk((await readdir(dir)).includes('snapshot.bson.tmp'))
  await rm(join(dir, 'snapshot.bson'), { recursive: true })
  const reopened = await Journal.open({ dir })
  t.after(() => reopened.journal.close())
  t.same(reopened.recovered, { snapshot: [], entries: [{ n: 1 }, { n: 2 }] })
})

test('after a failed fsync nothing more is acknowledged', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir, groupCommitMs: 0 })
  const probe = await open(join(dir, 'probe'), 'w')
  const prototype: { datasync: () => Promise<void> } = Object.getPrototypeOf(probe)
  await probe.close()
  const original = prototype.datasync
  prototype.datasync = () => Promise.reject(new Error('EIO: simulated'))
  t.teardown(() => { prototype.datasync = original })

  const results = await Promise.allSettled([journal.append({ n: 1 }), journal.append({ n: 2 })])
  t.same(results.map((r) => r.status), ['rejected', 'rejected'])
  prototype.datasync = original
  await t.rejects(journal.append({ n: 3 }), /EIO: simulated/)
  await t.rejects(journal.compact([]), /EIO: simulated/)
  await journal.close()
})

test('a journal with hundreds of thousands of entries replays completely', async (t) => {
  const dir = t.testdir()
  const count = 200_000
  const records = Array.from({ length: count }, (_, i) => {
    const body = serialize({ i })
    const header = Buffer.alloc(8)
    header.writeUInt32LE(body.length, 0)
    header.writeUInt32LE(crc32(body), 4)
    return Buffer.concat([header, body])
  })
  await writeFile(journalFile(dir, 0), Buffer.concat(records))
  const { journal, recovered } = await Journal.open({ dir, deserialize: {} })
  t.after(() => journal.close())
  t.equal(recovered.entries.length, count)
  t.same(recovered.entries[count - 1], { i: count - 1 })
})

test('a data directory is opened by one journal at a time; a lock left by a dead process is taken over', async (t) => {
  const dir = t.testdir()
  const { journal } = await Journal.open({ dir })
  await t.rejects(Journal.open({ dir }), { name: 'DataDirLockedError' }, 'a second open is refused')
  await journal.close()
  const reopened = await Journal.open({ dir })
  await reopened.journal.close()

  // A SIGKILLed owner leaves its lock file behind: a pid that no longer runs does not hold the directory.
  await writeFile(join(dir, LOCK_FILE), '2147483646\n')
  const afterCrash = await Journal.open({ dir })
  await afterCrash.journal.close()
  t.pass('stale lock taken over')
})
