// Restores a mongodump-layout directory through the driver. Everything is checked before the database is
// touched (file checksums and counts against the manifest, every document parsed), then documents are
// inserted with their exact BSON types, indexes are created from the metadata, and the result is counted
// again: a restore that did not restore everything fails loudly instead of exiting 0.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { BSON, type Db, type Document } from 'mongodb'
import { bsonDocuments, CorruptBackupError } from './bson-file.js'
import { bsonFile, metadataFile } from './layout.js'
import type { BackupSource } from './locate.js'

// Keeps every value as the type it was stored with: Int32, Double, Long, Binary, regular expressions.
const EXACT = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const
const BATCH = 1000

export class RestoreVerificationError extends Error {
  override name = 'RestoreVerificationError'
}

interface Metadata { indexes: Document[], options: Document }

async function readMetadata (dbDir: string, collection: string): Promise<Metadata> {
  let text: string
  try {
    text = await readFile(metadataFile(dbDir, collection), 'utf8')
  } catch {
    return { indexes: [], options: {} }
  }
  try {
    const parsed = BSON.EJSON.parse(text, { relaxed: false }) as Partial<Metadata>
    return { indexes: Array.isArray(parsed.indexes) ? parsed.indexes : [], options: parsed.options ?? {} }
  } catch (err) {
    throw new CorruptBackupError(`${metadataFile(dbDir, collection)}: not valid Extended JSON (${err instanceof Error ? err.message : String(err)})`)
  }
}

/** Reads every file once: the documents must parse, and match the manifest's count and checksum. */
export async function verifyBackup (source: BackupSource): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const collection of source.collections) {
    const path = bsonFile(source.dbDir, collection)
    const hash = createHash('sha256')
    let count = 0
    for await (const bytes of bsonDocuments(path)) {
      try {
        BSON.deserialize(bytes, EXACT)
      } catch (err) {
        throw new CorruptBackupError(`${path}: document ${count + 1} is not valid BSON (${err instanceof Error ? err.message : String(err)})`)
      }
      hash.update(bytes)
      count++
    }
    const expected = source.manifest?.collections.find((entry) => entry.name === collection)
    if (expected !== undefined && expected.sha256 !== hash.digest('hex')) {
      throw new CorruptBackupError(`${path}: checksum differs from the manifest (the file was altered or truncated)`)
    }
    if (expected !== undefined && expected.count !== count) {
      throw new CorruptBackupError(`${path}: ${count} documents, the manifest says ${expected.count}`)
    }
    await readMetadata(source.dbDir, collection)
    counts.set(collection, count)
  }
  return counts
}

async function assertEmpty (db: Db, name: string): Promise<void> {
  const held = await db.collection(name).countDocuments({}, { limit: 1 })
  if (held > 0) throw new RestoreVerificationError(`collection '${name}' already holds documents: restore with --drop to replace them`)
}

// With --drop the collection is recreated with the backup's options; without it an existing (empty, as
// checked above) collection is kept, e.g. one the server's migrations created.
async function prepareCollection (db: Db, name: string, options: Document, drop: boolean): Promise<void> {
  const exists = (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0
  if (exists && !drop) return
  if (exists) await db.collection(name).drop()
  await db.createCollection(name, options)
}

async function insertDocuments (db: Db, dbDir: string, name: string): Promise<void> {
  let batch: Document[] = []
  for await (const bytes of bsonDocuments(bsonFile(dbDir, name))) {
    batch.push(BSON.deserialize(bytes, EXACT))
    if (batch.length === BATCH) {
      await db.collection(name).insertMany(batch, { ordered: true })
      batch = []
    }
  }
  if (batch.length > 0) await db.collection(name).insertMany(batch, { ordered: true })
}

function indexSpecs (indexes: Document[]): Document[] {
  // `v` and `ns` describe the source server's storage; the target decides its own.
  return indexes
    .filter((index) => index.name !== '_id_')
    .map(({ v: _v, ns: _ns, ...spec }) => spec)
}

export interface RestoreResult { collection: string, documents: number, indexes: number }

export async function restoreDatabase (db: Db, source: BackupSource, { drop }: { drop: boolean }): Promise<RestoreResult[]> {
  const counts = await verifyBackup(source)
  const metadata = new Map<string, Metadata>()
  for (const name of source.collections) metadata.set(name, await readMetadata(source.dbDir, name))
  // Refuse before writing anything when existing data would be merged with the backup.
  if (!drop) for (const name of source.collections) await assertEmpty(db, name)

  const results: RestoreResult[] = []
  for (const name of source.collections) {
    const { indexes, options } = metadata.get(name) as Metadata
    await prepareCollection(db, name, options, drop)
    await insertDocuments(db, source.dbDir, name)
    const specs = indexSpecs(indexes)
    if (specs.length > 0) await db.command({ createIndexes: name, indexes: specs })

    const expected = counts.get(name) ?? 0
    const restored = await db.collection(name).countDocuments({})
    if (restored !== expected) throw new RestoreVerificationError(`collection '${name}': ${restored} documents after restore, the backup holds ${expected}`)
    const present = new Set((await db.collection(name).listIndexes().toArray()).map((index) => index.name as string))
    const absent = specs.map((spec) => spec.name as string).filter((indexName) => !present.has(indexName))
    if (absent.length > 0) throw new RestoreVerificationError(`collection '${name}': index ${absent.join(', ')} missing after restore`)
    results.push({ collection: name, documents: restored, indexes: specs.length + 1 })
  }
  return results
}
