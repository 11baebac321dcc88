// Opens the database for backup and restore, turning the two situations an operator can fix into plain
// instructions: no persistent database configured, and a data directory a running server holds.
import { openCliDatabase, type CliDatabase } from '../cli/database.js'
import type { CliIo } from '../cli/io.js'
import type { EnvSource } from '../config/load-config.js'
import { DataDirLockedError } from '../embedded-mongo/dir-lock.js'

export async function openBackupDatabase (command: string, env: EnvSource, io: CliIo): Promise<CliDatabase | null> {
  let database: CliDatabase
  try {
    database = await openCliDatabase(env, { warn: io.err })
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err
    io.err([
      `acai ${command}: ${err.message}.`,
      'A running `acai serve` owns its DATA_DIR (one process per data directory). Either stop the server and run',
      'this again, or serve the directory with `acai mongo --data-dir DIR --port 27017`, point the server at it',
      `with MONGODB_URI=mongodb://127.0.0.1:27017/?directConnection=true, and run \`acai ${command}\` with that MONGODB_URI.`
    ].join('\n'))
    return null
  }
  if (!database.persistent) {
    await database.close()
    io.err(`acai ${command}: MONGODB_URI and DATA_DIR are unset, so there is no database to ${command === 'backup' ? 'back up' : 'restore into'}` +
      ' (an embedded server in memory is empty and discarded on exit). Set MONGODB_URI, or DATA_DIR with the server stopped.')
    return null
  }
  return database
}
