import { MongoClient, type Db } from 'mongodb'
import { loadConfig, type EnvSource } from '../config/load-config.js'
import type { Env } from '../../schemas/env.js'
import { resolveMongoTarget } from '../mongo/target.js'
import { redactUri } from '../logging/redact.js'

export interface CliDatabase {
  config: Env
  db: Db
  mode: 'external' | 'embedded'
  /**
   * False when MONGODB_URI and DATA_DIR are both unset: the command then talks to an embedded server it
   * started itself, in memory, which holds nothing before the command and keeps nothing after it.
   */
  persistent: boolean
  /** Where the command is connected, safe to print (no password). */
  description: string
  close (): Promise<void>
}

export interface CliDatabaseOptions {
  /** Where the embedded server's warnings go; CLI commands pass stderr. */
  warn?: (message: string) => void
}

// Connects a CLI command to the same database the server would use with the same environment: the
// configuration is validated by the server's schema, and the target resolved by the server's code.
export async function openCliDatabase (env: EnvSource, { warn = () => {} }: CliDatabaseOptions = {}): Promise<CliDatabase> {
  const config = loadConfig(env)
  const target = await resolveMongoTarget(config, { info: () => {}, warn, error: warn })
  const client = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000, connectTimeoutMS: 5000, appName: 'acai-cli' })
  try {
    await client.connect()
  } catch (err) {
    await target.close()
    throw err
  }
  const persistent = target.mode === 'external' || config.DATA_DIR !== undefined
  const where = target.mode === 'external'
    ? redactUri(target.uri)
    : config.DATA_DIR !== undefined ? `embedded server, data in ${config.DATA_DIR}` : 'embedded server, in memory'
  return {
    config,
    db: client.db(config.MONGODB_DB),
    mode: target.mode,
    persistent,
    description: `database '${config.MONGODB_DB}' on ${where}`,
    async close () {
      await client.close()
      await target.close()
    }
  }
}

export const IN_MEMORY_NOTE = [
  'MONGODB_URI and DATA_DIR are unset, so this command started its own embedded server in memory.',
  'That database is empty and is discarded when the command exits; it is not the database of a running',
  '`acai serve`. Set MONGODB_URI (or DATA_DIR, with the server stopped) to work on a real database.'
].join('\n')
