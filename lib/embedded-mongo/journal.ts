// Durable log of BSON documents for the embedded server: every append is fsynced before its promise
// resolves, appends that arrive close together share one write and one fsync (group commit), and
// compaction replaces the log with a snapshot. What an entry means is the storage layer's business.
//
// On disk, in `dir`:
//   snapshot.bson          header record { format, version, generation, count } then `count` records
//   journal-<gen>.log      records appended after the snapshot of generation <= gen
// A record is [u32 LE length][u32 LE crc32 of the BSON][BSON]. Compaction starts a new generation file
// before writing the snapshot, so a crash at any point leaves a readable state: until the snapshot rename
// is durable, the old snapshot plus every journal generation replays in order; after it, generations
// older than the snapshot are ignored and removed.
import { mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { acquireDirLock, type DirLock } from './dir-lock.js'
import { deserialize, serialize, type DeserializeOptions, type Document } from 'bson'

export interface JournalOptions {
  dir: string
  groupCommitMs?: number
  // How stored BSON becomes JavaScript again. The default, `promoteValues: false`, matches how the server
  // decodes the wire: int32, double and int64 come back as Int32, Double and Long wrappers, so no numeric
  // type is lost and the owner normalizes replayed documents exactly as it normalizes incoming ones.
  deserialize?: DeserializeOptions
}

export interface RecoveredState {
  snapshot: Document[]
  entries: Document[]
}

export class JournalCorruptError extends Error {
  override name = 'JournalCorruptError'
}

const RECORD_HEADER_BYTES = 8
const MIN_BSON_BYTES = 5
// Far above the 48 MB wire message limit: a larger length can only be a torn or garbage header.
const MAX_RECORD_BYTES = 256 * 1024 * 1024
// A batch this large is written at once instead of waiting for the group commit window.
const EAGER_FLUSH_BYTES = 4 * 1024 * 1024
const SNAPSHOT_FILE = 'snapshot.bson'
const SNAPSHOT_TEMP_FILE = 'snapshot.bson.tmp'
const SNAPSHOT_FORMAT = 'acai-embedded-mongo-snapshot'
const SNAPSHOT_VERSION = 1
const JOURNAL_FILE = /^journal-(\d+)\.log$/

function journalFileName (generation: number): string {
  return `journal-${String(generation).padStart(10, '0')}.log`
}

function encodeRecord (doc: Document): Buffer {
  const body = serialize(doc)
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + body.length)
  record.writeUInt32LE(body.length, 0)
  record.writeUInt32LE(crc32(body), 4)
  record.set(body, RECORD_HEADER_BYTES)
  return record
}

interface DecodedRecords { docs: Document[], validBytes: number }

// Stops at the first record that is incomplete or fails its checks; everything before it is sound.
function decodeRecords (data: Buffer, options: DeserializeOptions): DecodedRecords {
  const docs: Document[] = []
  let pos = 0
  while (data.length - pos >= RECORD_HEADER_BYTES) {
    const length = data.readUInt32LE(pos)
    const checksum = data.readUInt32LE(pos + 4)
    const end = pos + RECORD_HEADER_BYTES + length
    if (length < MIN_BSON_BYTES || length > MAX_RECORD_BYTES || end > data.length) break
    const body = data.subarray(pos + RECORD_HEADER_BYTES, end)
    if (body.readInt32LE(0) !== length || crc32(body) !== checksum) break
    try {
      docs.push(deserialize(body, options))
    } catch {
      break
    }
    pos = end
  }
  return { docs, validBytes: pos }
}

async function readIfExists (path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

async function unlinkIfExists (path: string): Promise<void> {
  try {
    await unlink(path)
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
}

function isNotFound (err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT'
}

// A rename or a new file is durable only once its directory entry is.
async function syncDir (dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function writeAll (handle: FileHandle, data: Buffer): Promise<void> {
  let offset = 0
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset)
    offset += bytesWritten
  }
}

interface Waiter { resolve: () => void, reject: (err: Error) => void }
interface Deferred { promise: Promise<void>, resolve: () => void, reject: (err: Error) => void }

function deferred (): Deferred {
  let settle = { resolve: (): void => {}, reject: (_err: Error): void => {} }
  const promise = new Promise<void>((resolve, reject) => { settle = { resolve, reject } })
  // A switch nobody awaits must not surface as an unhandled rejection; waiters see the journal failure.
  promise.catch(() => {})
  return { promise, resolve: () => settle.resolve(), reject: (err) => settle.reject(err) }
}

type Operation =
  | { kind: 'write', records: Buffer[], waiters: Waiter[] }
  | { kind: 'switch', generation: number, done: Deferred }

interface SnapshotRead { docs: Document[], generation: number }

async function readSnapshot (path: string, options: DeserializeOptions): Promise<SnapshotRead> {
  const data = await readIfExists(path)
  if (data === undefined) return { docs: [], generation: 0 }
  const { docs, validBytes } = decodeRecords(data, options)
  // The header is the journal's own record, so it is read with default options whatever the owner uses.
  const header = docs.shift() === undefined ? undefined : deserialize(data.subarray(RECORD_HEADER_BYTES, RECORD_HEADER_BYTES + data.readUInt32LE(0)))
  // The snapshot is renamed into place only once complete and fsynced, so any damage is real corruption,
  // and silently starting from less data would lose acknowledged writes.
  if (validBytes !== data.length || header === undefined || header.format !== SNAPSHOT_FORMAT ||
      header.version !== SNAPSHOT_VERSION || header.count !== docs.length ||
      typeof header.generation !== 'number') {
    throw new JournalCorruptError(`snapshot ${path} is corrupt`)
  }
  return { docs, generation: header.generation }
}

export class Journal {
  readonly #dir: string
  readonly #lock: DirLock
  readonly #groupCommitMs: number
  #handle: FileHandle
  #generation: number
  #bytesSinceCompact: number
  #pending: Buffer[] = []
  #pendingWaiters: Waiter[] = []
  #pendingBytes = 0
  #operations: Operation[] = []
  #cancelTimer: (() => void) | undefined
  // Set and cleared synchronously, unlike #runner, so an append made in the microtask right after the
  // writer finishes still starts a new flush instead of waiting on a writer that is about to stop.
  #draining = false
  // Whether the last write carried more than one append. Only then is it worth holding a lone append for
  // the group commit window: a single sequential writer would otherwise pay the window on every write.
  #concurrent = false
  #runner: Promise<void> = Promise.resolve()
  #compaction: Promise<void> = Promise.resolve()
  #failure: Error | undefined
  #closed = false

  private constructor (dir: string, groupCommitMs: number, handle: FileHandle, generation: number, bytes: number, lock: DirLock) {
    this.#dir = dir
    this.#lock = lock
    this.#groupCommitMs = groupCommitMs
    this.#handle = handle
    this.#generation = generation
    this.#bytesSinceCompact = bytes
  }

  static async open (opts: JournalOptions): Promise<{ journal: Journal, recovered: RecoveredState }> {
    const { dir } = opts
    const options = opts.deserialize ?? { promoteValues: false }
    await mkdir(dir, { recursive: true })
    const lock = await acquireDirLock(dir)
    try {
      return await Journal.#recover(dir, opts, options, lock)
    } catch (err) {
      await lock.release()
      throw err
    }
  }

  static async #recover (dir: string, opts: JournalOptions, options: DeserializeOptions, lock: DirLock): Promise<{ journal: Journal, recovered: RecoveredState }> {
    await unlinkIfExists(join(dir, SNAPSHOT_TEMP_FILE))
    const snapshot = await readSnapshot(join(dir, SNAPSHOT_FILE), options)

    const generations = (await readdir(dir))
      .map((name) => JOURNAL_FILE.exec(name))
      .filter((match) => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b)
    for (const generation of generations.filter((g) => g < snapshot.generation)) {
      await unlink(join(dir, journalFileName(generation)))
    }

    const entries: Document[] = []
    let bytes = 0
    let current = snapshot.generation
    const live = generations.filter((g) => g >= snapshot.generation)
    for (let i = 0; i < live.length; i++) {
      const generation = live[i]
      const path = join(dir, journalFileName(generation))
      const data = await readFile(path)
      const decoded = decodeRecords(data, options)
      // No spread: a long journal holds more entries than a call may take arguments.
      for (const doc of decoded.docs) entries.push(doc)
      bytes += decoded.validBytes
      current = generation
      if (decoded.validBytes < data.length) {
        // A torn or corrupt tail: later entries could depend on what was lost, so replay stops here.
        await truncateDurably(path, decoded.validBytes)
        for (const later of live.slice(i + 1)) await unlink(join(dir, journalFileName(later)))
        break
      }
    }

    const handle = await open(join(dir, journalFileName(current)), 'a')
    await syncDir(dir)
    const journal = new Journal(dir, opts.groupCommitMs ?? 2, handle, current, bytes, lock)
    return { journal, recovered: { snapshot: snapshot.docs, entries } }
  }

  get bytesSinceCompact (): number {
    return this.#bytesSinceCompact
  }

  append (entry: Document): Promise<void> {
    const unusable = this.#unusable()
    if (unusable !== undefined) return Promise.reject(unusable)
    let record: Buffer
    try {
      record = encodeRecord(entry)
    } catch (err) {
      return Promise.reject(err)
    }
    const done = new Promise<void>((resolve, reject) => { this.#pendingWaiters.push({ resolve, reject }) })
    this.#pending.push(record)
    this.#pendingBytes += record.length
    this.#bytesSinceCompact += record.length
    if (this.#draining) return done
    if (this.#pendingBytes >= EAGER_FLUSH_BYTES) {
      this.#flushNow()
    } else if (this.#cancelTimer === undefined) {
      this.#startTimer()
    }
    return done
  }

  compact (snapshot: Iterable<Document>): Promise<void> {
    const unusable = this.#unusable()
    if (unusable !== undefined) return Promise.reject(unusable)
    // The snapshot is encoded now, synchronously, because the owner's state keeps changing after this call
    // and the appends that follow belong to the new generation.
    const records: Buffer[] = []
    try {
      for (const doc of snapshot) records.push(encodeRecord(doc))
    } catch (err) {
      return Promise.reject(err)
    }
    const generation = this.#generation + 1
    this.#generation = generation
    this.#sealPending()
    const switched = deferred()
    this.#operations.push({ kind: 'switch', generation, done: switched })
    this.#bytesSinceCompact = 0
    this.#flushNow()

    const header = encodeRecord({
      format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, generation, count: records.length
    })
    const run = this.#compaction.then(() => this.#writeSnapshot(generation, header, records, switched.promise))
    this.#compaction = run.catch(() => {})
    return run
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#flushNow()
    await this.#runner
    await this.#compaction
    await this.#handle.close()
    await this.#lock.release()
  }

  #unusable (): Error | undefined {
    if (this.#closed) return new Error('journal is closed')
    return this.#failure
  }

  #sealPending (): void {
    if (this.#pending.length === 0) return
    this.#operations.push({ kind: 'write', records: this.#pending, waiters: this.#pendingWaiters })
    this.#pending = []
    this.#pendingWaiters = []
    this.#pendingBytes = 0
  }

  #startTimer (): void {
    if (this.#groupCommitMs > 0 && this.#concurrent) {
      const timer = setTimeout(() => this.#flushNow(), this.#groupCommitMs)
      this.#cancelTimer = () => clearTimeout(timer)
    } else {
      const immediate = setImmediate(() => this.#flushNow())
      this.#cancelTimer = () => clearImmediate(immediate)
    }
  }

  #flushNow (): void {
    this.#cancelTimer?.()
    this.#cancelTimer = undefined
    if (this.#draining) return
    this.#draining = true
    this.#runner = this.#drain()
  }

  // One writer at a time keeps records in append order and lets every append that arrived during a
  // write ride on the next single write + fsync.
  async #drain (): Promise<void> {
    try {
      await this.#drainOperations()
    } catch (err) {
      this.#fail(err instanceof Error ? err : new Error(String(err)))
      this.#draining = false
    }
  }

  async #drainOperations (): Promise<void> {
    for (;;) {
      if (this.#operations.length === 0) this.#sealPending()
      const operation = this.#operations.shift()
      if (operation === undefined) {
        this.#draining = false
        return
      }
      if (operation.kind === 'switch') {
        await this.#switchTo(operation)
        continue
      }
      const records = operation.records
      const waiters = operation.waiters
      // Adjacent write batches go to the same file, so they share one write and one fsync.
      while (this.#operations[0]?.kind === 'write') {
        const next = this.#operations.shift()
        if (next?.kind !== 'write') break
        for (const record of next.records) records.push(record)
        for (const waiter of next.waiters) waiters.push(waiter)
      }
      await this.#write(records, waiters)
    }
  }

  async #write (records: Buffer[], waiters: Waiter[]): Promise<void> {
    this.#concurrent = records.length > 1
    if (this.#failure !== undefined) {
      for (const waiter of waiters) waiter.reject(this.#failure)
      return
    }
    try {
      await writeAll(this.#handle, records.length === 1 ? records[0] : Buffer.concat(records))
      await this.#handle.datasync()
    } catch (err) {
      // After a failed write or fsync the file's contents are unknown, so nothing more is acknowledged.
      this.#fail(err instanceof Error ? err : new Error(String(err)))
      for (const waiter of waiters) waiter.reject(this.#failure ?? new Error('journal write failed'))
      return
    }
    for (const waiter of waiters) waiter.resolve()
  }

  async #switchTo (operation: { generation: number, done: Deferred }): Promise<void> {
    if (this.#failure !== undefined) {
      operation.done.reject(this.#failure)
      return
    }
    try {
      const handle = await open(join(this.#dir, journalFileName(operation.generation)), 'a')
      await syncDir(this.#dir)
      await this.#handle.close()
      this.#handle = handle
      operation.done.resolve()
    } catch (err) {
      this.#fail(err instanceof Error ? err : new Error(String(err)))
      operation.done.reject(this.#failure ?? new Error('journal switch failed'))
    }
  }

  #fail (err: Error): void {
    if (this.#failure !== undefined) return
    this.#failure = err
    for (const waiter of this.#pendingWaiters) waiter.reject(err)
    this.#pending = []
    this.#pendingWaiters = []
    this.#pendingBytes = 0
    for (const operation of this.#operations) {
      if (operation.kind === 'write') for (const waiter of operation.waiters) waiter.reject(err)
      else operation.done.reject(err)
    }
    this.#operations = []
  }

  async #writeSnapshot (generation: number, header: Buffer, records: Buffer[], switched: Promise<void>): Promise<void> {
    const tempPath = join(this.#dir, SNAPSHOT_TEMP_FILE)
    try {
      const handle = await open(tempPath, 'w')
      try {
        await writeAll(handle, header)
        for (const chunk of chunked(records)) await writeAll(handle, chunk)
        await handle.sync()
      } finally {
        await handle.close()
      }
      // Until this rename is durable, recovery uses the old snapshot and replays every generation.
      await rename(tempPath, join(this.#dir, SNAPSHOT_FILE))
      await syncDir(this.#dir)
    } catch (err) {
      await unlinkIfExists(tempPath).catch(() => {})
      throw err
    }
    // The older generations are now covered by the snapshot; their files go once nothing writes to them.
    await switched
    for (const name of await readdir(this.#dir)) {
      const match = JOURNAL_FILE.exec(name)
      if (match !== null && Number(match[1]) < generation) await unlinkIfExists(join(this.#dir, name))
    }
    await syncDir(this.#dir)
  }
}

// Bounded chunks keep a large snapshot from needing a second full copy in memory.
function * chunked (records: Buffer[]): Generator<Buffer> {
  const limit = 1024 * 1024
  let batch: Buffer[] = []
  let size = 0
  for (const record of records) {
    batch.push(record)
    size += record.length
    if (size >= limit) {
      yield Buffer.concat(batch)
      batch = []
      size = 0
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch)
}

async function truncateDurably (path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.truncate(length)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
