// `acai migrate up|down|status`: applies, reverts or shows the migrations of lib/migrations against the
// database the server would use with the same environment.
import type { EnvSource } from '../config/load-config.js'
import { IN_MEMORY_NOTE, openCliDatabase } from '../cli/database.js'
import { processIo, type CliIo } from '../cli/io.js'
import { formatStatus } from './format-status.js'
import { migrations } from './index.js'
import { createMigrator } from './runner.js'

const USAGE = `usage: acai migrate <up|down|status>

  up      apply every pending migration, in order
  down    revert the most recently applied migration
  status  list applied and pending migrations and the indexes of each collection

The database comes from MONGODB_URI / MONGODB_DB (or the embedded server with DATA_DIR), as for the server.`

export async function migrateCommand (argv: readonly string[], env: EnvSource, io: CliIo): Promise<number> {
  const [action, ...extra] = argv
  if (action === '--help' || action === '-h' || action === 'help') {
    io.out(USAGE)
    return 0
  }
  if ((action !== 'up' && action !== 'down' && action !== 'status') || extra.length > 0) {
    io.err(USAGE)
    return 1
  }

  const database = await openCliDatabase(env, { warn: io.err })
  try {
    const migrator = createMigrator({ db: database.db, migrations, log: io.err })
    if (!database.persistent) io.err(IN_MEMORY_NOTE + '\n')
    io.out(`Connected to ${database.description}`)

    if (action === 'status') {
      io.out(formatStatus(await migrator.status(), { persistent: database.persistent }))
    } else if (action === 'up') {
      const applied = await migrator.up()
      io.out(applied.length === 0 ? 'Nothing to apply: every migration is applied' : `Applied ${applied.join(', ')}`)
    } else {
      const reverted = await migrator.down()
      io.out(reverted === null ? 'Nothing to revert: no migration is applied' : `Reverted ${reverted}`)
    }
    if (!database.persistent && action !== 'status') io.err('(the in-memory database is discarded now; nothing was persisted)')
    return 0
  } finally {
    await database.close()
  }
}

export function run (argv: string[]): Promise<number> {
  return migrateCommand(argv, process.env, processIo)
}
