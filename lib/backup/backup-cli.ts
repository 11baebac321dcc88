// `acai backup [--out DIR]`: dumps the configured database to DIR/backup-YYYYMMDD-HHMMSS/<db>/ in
// mongodump's layout, with a manifest of document counts and checksums next to it.
import { rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { processIo, type CliIo, usageError } from '../cli/io.js'
import type { EnvSource } from '../config/load-config.js'
import { dumpDatabase } from './dump.js'
import { backupName, MANIFEST_FILE } from './layout.js'
import type { Manifest } from './manifest.js'
import { openBackupDatabase } from './open-database.js'
import { recordCliEvent } from '../audit-log/cli-events.js'

const USAGE = `usage: acai backup [--out DIR]

Writes DIR/backup-YYYYMMDD-HHMMSS/<db>/ (DIR defaults to ./backups): <collection>.bson and
<collection>.metadata.json per collection, as mongodump does, and manifest.json with counts and sha256
checksums. Restore with \`acai restore PATH\` or with mongorestore.
The database comes from MONGODB_URI / MONGODB_DB (or DATA_DIR, with the server stopped), as for the server.`

export async function backupCommand (argv: readonly string[], env: EnvSource, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  let out: string
  try {
    const { values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true })
    if (values.help === true) {
      io.out(USAGE)
      return 0
    }
    out = values.out ?? 'backups'
  } catch (err) {
    return usageError(io, 'acai backup', err, USAGE)
  }

  const database = await openBackupDatabase('backup', env, io)
  if (database === null) return 1
  try {
    const startedAt = now()
    const root = resolve(out, backupName(startedAt))
    // Written under a temporary name and renamed at the end, so a directory named backup-… is complete.
    const partial = `${root}.partial`
    const dbName = database.config.MONGODB_DB
    const collections = await dumpDatabase(database.db, join(partial, dbName))
    const manifest: Manifest = { format: 'acai-backup/1', createdAt: startedAt.toISOString(), database: dbName, collections }
    await writeFile(join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
    await rename(partial, root)
    // Recorded after the dump, so the backup holds the log up to, not including, its own entry.
    await recordCliEvent(database.db, 'backup.created', `backup:${backupName(startedAt)}`)
    const documents = collections.reduce((sum, c) => sum + c.count, 0)
    io.err(`Backed up ${database.description}: ${collections.length} collections, ${documents} documents`)
    io.out(join(root, dbName))
    return 0
  } finally {
    await database.close()
  }
}

export function run (argv: string[]): Promise<number> {
  return backupCommand(argv, process.env, processIo)
}
