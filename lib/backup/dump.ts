// Writes one database in mongodump's layout through the driver: documents as their exact BSON bytes (read
// with `raw: true`, so no type is ever converted on the way) and the index definitions in canonical
// Extended JSON, which mongorestore reads and which keeps number types apart.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { BSON, type Db, type Document } from 'mongodb'
import { bsonFile, metadataFile } from './layout.js'
import type { CollectionEntry } from './manifest.js'

/** Collections a dump carries: the application's, never MongoDB's own `system.*`, never views. */
export async function dumpableCollections (db: Db): Promise<Array<{ name: string, options: Document, uuid?: string }>> {
  const infos = await db.listCollections({}, { nameOnly: false }).toArray()
  return infos
    .filter((info) => info.type === 'collection' && !info.name.startsWith('system.'))
    .map((info) => {
      const uuid = (info.info as { uuid?: { toHexString?: () => string } } | undefined)?.uuid
      return { name: info.name, options: info.options ?? {}, ...(typeof uuid?.toHexString === 'function' ? { uuid: uuid.toHexString() } : {}) }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

async function dumpDocuments (db: Db, collection: string, path: string): Promise<{ count: number, sha256: string }> {
  const hash = createHash('sha256')
  const out = createWriteStream(path)
  let count = 0
  try {
    const cursor = db.collection(collection).find({}, { raw: true, batchSize: 1000 })
    for await (const document of cursor) {
      const bytes = document as unknown as Buffer
      hash.update(bytes)
      count++
      if (!out.write(bytes)) await once(out, 'drain')
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return { count, sha256: hash.digest('hex') }
}

export async function dumpDatabase (db: Db, dir: string): Promise<CollectionEntry[]> {
  await mkdir(dir, { recursive: true })
  const entries: CollectionEntry[] = []
  for (const { name, options, uuid } of await dumpableCollections(db)) {
    const indexes = await db.collection(name).listIndexes().toArray()
    const metadata = { indexes, ...(uuid === undefined ? {} : { uuid }), collectionName: name, type: 'collection', options }
    await writeFile(metadataFile(dir, name), BSON.EJSON.stringify(metadata, { relaxed: false }) + '\n')
    entries.push({ name, ...await dumpDocuments(db, name, bsonFile(dir, name)) })
  }
  return entries
}
