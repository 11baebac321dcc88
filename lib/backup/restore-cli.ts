// `acai restore PATH [--drop]`: restores a backup (ours or mongodump's) into the configured database and
// exits non-zero unless every collection holds exactly the backup's documents and indexes.
import { basename, dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { recordCliEvent } from '../audit-log/cli-events.js'
import { processIo, type CliIo, usageError } from '../cli/io.js'
import { formatTable } from '../cli/table.js'
import type { EnvSource } from '../config/load-config.js'
import { locateBackup, type BackupSource } from './locate.js'
import { openBackupDatabase } from './open-database.js'
import { restoreDatabase } from './restore.js'

const USAGE = `usage: acai restore PATH [--drop]

PATH is a backup (backups/backup-YYYYMMDD-HHMMSS) or its database directory (…/acai); a mongodump
directory works too. Files are verified against the manifest before anything is written; the documents go
into the configured MONGODB_DB. Without --drop, collections that already hold documents stop the restore;
--drop replaces the backed-up collections.`

export async function restoreCommand (argv: readonly string[], env: EnvSource, io: CliIo): Promise<number> {
  let path: string
  let drop: boolean
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { drop: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true
    })
    if (values.help === true) {
      io.out(USAGE)
      return 0
    }
    if (positionals.length !== 1 || positionals[0] === undefined) throw new Error('expected exactly one backup PATH')
    path = positionals[0]
    drop = values.drop
  } catch (err) {
    return usageError(io, 'acai restore', err, USAGE)
  }

  let source: BackupSource
  try {
    source = await locateBackup(path)
  } catch (err) {
    io.err(`acai restore: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  if (source.manifest === null) io.err(`${path} has no manifest (a mongodump directory?): counts are checked against the files themselves`)

  const database = await openBackupDatabase('restore', env, io)
  if (database === null) return 1
  try {
    const target = `backup:${basename(dirname(source.dbDir))}`
    let results
    try {
      results = await restoreDatabase(database.db, source, { drop })
    } catch (err) {
      await recordCliEvent(database.db, 'backup.restored', target, 'failure').catch(() => {})
      throw err
    }
    // After the restore: with --drop the log is the backup's, and this entry continues its chain.
    await recordCliEvent(database.db, 'backup.restored', target)
    io.out(formatTable(['COLLECTION', 'DOCUMENTS', 'INDEXES'], results.map((r) => [r.collection, String(r.documents), String(r.indexes)])))
    io.err(`Restored ${source.dbDir} into ${database.description}; every count and index verified`)
    return 0
  } catch (err) {
    io.err(`acai restore: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  } finally {
    await database.close()
  }
}

export function run (argv: string[]): Promise<number> {
  return restoreCommand(argv, process.env, processIo)
}
