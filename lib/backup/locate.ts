// What a restore reads: the database directory and, when the backup came from `acai backup`, its manifest.
// PATH may name the backup (`backups/backup-…`) or its database directory (`backups/backup-…/acai`, as the
// checklist writes it); a plain mongodump directory, without a manifest, restores too.
import { access, readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { MANIFEST_FILE } from './layout.js'
import { readManifest, type Manifest } from './manifest.js'

export interface BackupSource {
  dbDir: string
  manifest: Manifest | null
  /** Collections present as `.bson` files, sorted. */
  collections: string[]
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false)

async function listCollections (dbDir: string): Promise<string[]> {
  let files: string[]
  try {
    files = await readdir(dbDir)
  } catch (err) {
    throw new Error(`cannot read backup directory ${dbDir} (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  return files.filter((file) => file.endsWith('.bson')).map((file) => file.slice(0, -'.bson'.length)).sort()
}

export async function locateBackup (path: string): Promise<BackupSource> {
  let manifest: Manifest | null = null
  let dbDir = path
  if (await exists(join(path, MANIFEST_FILE))) {
    manifest = await readManifest(join(path, MANIFEST_FILE))
    dbDir = join(path, manifest.database)
  } else if (await exists(join(dirname(path), MANIFEST_FILE))) {
    const parent = await readManifest(join(dirname(path), MANIFEST_FILE))
    if (parent.database === basename(path)) manifest = parent
  }
  const collections = await listCollections(dbDir)
  if (manifest !== null) {
    const listed = manifest.collections.map((c) => c.name).sort()
    const missing = listed.filter((name) => !collections.includes(name))
    const extra = collections.filter((name) => !listed.includes(name))
    if (missing.length > 0) throw new Error(`backup is incomplete: ${missing.map((n) => `${n}.bson`).join(', ')} missing from ${dbDir}`)
    if (extra.length > 0) throw new Error(`backup has files its manifest does not list: ${extra.map((n) => `${n}.bson`).join(', ')}`)
  } else if (collections.length === 0) {
    throw new Error(`${path} holds no .bson files: not a backup directory`)
  }
  return { dbDir, manifest, collections }
}
