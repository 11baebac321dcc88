// What restore refuses before it touches a database: damaged files, manifests that do not match.
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'tap'
import { BSON } from 'mongodb'
import { locateBackup } from '../../../lib/backup/locate.js'
import { restoreDatabase, verifyBackup } from '../../../lib/backup/restore.js'
import { embeddedDb } from '../embedded-db.js'

const documents = (count: number): Buffer => Buffer.concat(Array.from({ length: count }, (_, i) => BSON.serialize({ _id: i, n: new BSON.Int32(i) })))
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

async function backup (root: string, files: Record<string, Buffer | string>, manifest?: unknown): Promise<string> {
  await mkdir(join(root, 'acai'), { recursive: true })
  for (const [name, content] of Object.entries(files)) await writeFile(join(root, 'acai', name), content)
  if (manifest !== undefined) await writeFile(join(root, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest))
  return root
}

const manifestFor = (entries: Array<{ name: string, count: number, sha256: string }>): unknown =>
  ({ format: 'acai-backup/1', createdAt: '2026-01-01T00:00:00.000Z', database: 'acai', collections: entries })

const reason = (promise: Promise<unknown>): Promise<string> => promise.then(() => 'resolved', (err: Error) => err.message)

test('damaged .bson files are named with what is wrong', async (t) => {
  const dir = t.testdir()
  const badLength = Buffer.alloc(8)
  badLength.writeInt32LE(2, 0)
  t.match(await reason(locateBackup(join(await backup(join(dir, 'a'), { 'x.bson': badLength }), 'acai')).then(verifyBackup)), 'invalid document length 2 at byte 0')
  const unterminated = documents(1)
  unterminated[unterminated.length - 1] = 1
  t.match(await reason(locateBackup(join(await backup(join(dir, 'b'), { 'x.bson': unterminated }), 'acai')).then(verifyBackup)), 'is not terminated')
  const invalid = documents(1)
  invalid[4] = 0x7f // an element type BSON does not have
  t.match(await reason(locateBackup(join(await backup(join(dir, 'c'), { 'x.bson': invalid }), 'acai')).then(verifyBackup)), 'document 1 is not valid BSON')
  t.match(await reason(locateBackup(join(await backup(join(dir, 'd'), { 'x.bson': documents(1), 'x.metadata.json': '{ not json' }), 'acai')).then(verifyBackup)), 'not valid Extended JSON')
})

test('a manifest that does not match the files stops the restore', async (t) => {
  const dir = t.testdir()
  const bytes = documents(2)
  t.match(await reason(locateBackup(await backup(join(dir, 'a'), { 'x.bson': bytes }, manifestFor([{ name: 'x', count: 3, sha256: sha(bytes) }]))).then(verifyBackup)), '2 documents, the manifest says 3')
  t.match(await reason(locateBackup(await backup(join(dir, 'b'), { 'x.bson': bytes }, manifestFor([{ name: 'y', count: 0, sha256: '' }, { name: 'x', count: 2, sha256: sha(bytes) }])))), 'y.bson missing')
  t.match(await reason(locateBackup(await backup(join(dir, 'c'), { 'x.bson': bytes, 'z.bson': bytes }, manifestFor([{ name: 'x', count: 2, sha256: sha(bytes) }])))), 'files its manifest does not list: z.bson')
  t.match(await reason(locateBackup(await backup(join(dir, 'd'), { 'x.bson': bytes }, '{ broken'))), 'not a readable manifest')
  t.match(await reason(locateBackup(await backup(join(dir, 'e'), { 'x.bson': bytes }, { format: 'other' }))), 'not an acai backup manifest')
  // The database directory of a backup finds the manifest beside it.
  const source = await locateBackup(join(await backup(join(dir, 'f'), { 'x.bson': bytes }, manifestFor([{ name: 'x', count: 2, sha256: sha(bytes) }])), 'acai'))
  t.equal(source.manifest?.database, 'acai')
})

test('restore inserts in batches and recreates the collection options and indexes', async (t) => {
  const { db } = await embeddedDb(t)
  const bytes = documents(2500)
  const metadata = BSON.EJSON.stringify({ indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }, { v: 2, key: { n: -1 }, name: 'n_desc', unique: true }], options: {} }, { relaxed: false })
  const dir = await backup(t.testdir(), { 'many.bson': bytes, 'many.metadata.json': metadata })
  const results = await restoreDatabase(db, await locateBackup(join(dir, 'acai')), { drop: false })
  t.same(results, [{ collection: 'many', documents: 2500, indexes: 2 }])
  const index = (await db.collection('many').listIndexes().toArray()).find((i) => i.name === 'n_desc')
  t.match(index, { key: { n: -1 }, unique: true })
  t.same(await db.collection('many').findOne({ _id: 2499 as never }), { _id: 2499, n: 2499 })
})
