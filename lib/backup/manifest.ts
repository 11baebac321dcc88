// The manifest a backup writes next to its database directory: what was dumped, how many documents each
// collection held and the sha256 of each `.bson` file, so a restore can tell a complete backup from a
// truncated or altered one before it touches the database.
import { readFile } from 'node:fs/promises'

export interface CollectionEntry { name: string, count: number, sha256: string }

export interface Manifest {
  format: 'acai-backup/1'
  createdAt: string
  database: string
  collections: CollectionEntry[]
}

function isEntry (value: unknown): value is CollectionEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return typeof entry.name === 'string' && Number.isInteger(entry.count) && typeof entry.sha256 === 'string'
}

export async function readManifest (path: string): Promise<Manifest> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    throw new Error(`${path}: not a readable manifest (${err instanceof Error ? err.message : String(err)})`)
  }
  const manifest = parsed as Partial<Manifest>
  if (manifest.format !== 'acai-backup/1' || typeof manifest.database !== 'string' ||
      !Array.isArray(manifest.collections) || !manifest.collections.every(isEntry)) {
    throw new Error(`${path}: not an acai backup manifest (format acai-backup/1)`)
  }
  return manifest as Manifest
}
