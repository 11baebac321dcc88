// Where a backup lives: `<out>/backup-YYYYMMDD-HHMMSS/<db>/`, mongodump's layout, with our manifest next to
// the database directories so mongorestore, which reads only `.bson` and `.metadata.json`, is not confused.
import { join } from 'node:path'

export const MANIFEST_FILE = 'manifest.json'

const two = (n: number): string => String(n).padStart(2, '0')

/** `backup-20260412-093005`, in UTC so backups sort by name and read the same on every host. */
export function backupName (at: Date): string {
  const date = `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}`
  const time = `${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`
  return `backup-${date}-${time}`
}

export const bsonFile = (dbDir: string, collection: string): string => join(dbDir, `${collection}.bson`)
export const metadataFile = (dbDir: string, collection: string): string => join(dbDir, `${collection}.metadata.json`)
