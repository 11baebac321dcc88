// `acai keys create|list|revoke`: manages API keys in the database the server would use with the same
// environment. A new key is printed once; only its sha256 hash is stored.
import { parseArgs } from 'node:util'
import type { EnvSource } from '../config/load-config.js'
import { IN_MEMORY_NOTE, openCliDatabase } from '../cli/database.js'
import { parseCommand, processIo, type CliIo } from '../cli/io.js'
import { formatTable } from '../cli/table.js'
import { parseScopes, SCOPES, type Scope } from './scopes.js'
import { createApiKeyStore } from './store.js'
import { recordCliEvent } from '../audit-log/cli-events.js'

const USAGE = `usage: acai keys <command>

  create --name NAME --scopes SCOPES   create a key; SCOPES is a comma-separated list of ${SCOPES.join(', ')}
  list                                 list keys (never the keys themselves)
  revoke ID                            revoke the key with this id

The database comes from MONGODB_URI / MONGODB_DB (or the embedded server with DATA_DIR), as for the server.`

type Parsed =
  | { action: 'create', name: string, scopes: Scope[] }
  | { action: 'list' }
  | { action: 'revoke', id: string }
  | { action: 'help' }

function parse (argv: readonly string[]): Parsed {
  const [action, ...rest] = argv
  if (action === undefined) throw new Error('missing command')
  if (action === '--help' || action === '-h' || action === 'help') return { action: 'help' }
  if (action === 'create') {
    const { values } = parseArgs({
      args: [...rest],
      options: { name: { type: 'string' }, scopes: { type: 'string' } },
      strict: true,
      allowPositionals: false
    })
    if (values.name === undefined) throw new Error('--name is required')
    if (values.scopes === undefined) throw new Error('--scopes is required')
    return { action, name: values.name, scopes: parseScopes(values.scopes) }
  }
  if (action === 'list') {
    if (rest.length > 0) throw new Error(`unexpected argument '${rest[0] ?? ''}'`)
    return { action }
  }
  if (action === 'revoke') {
    if (rest.length !== 1 || rest[0] === undefined) throw new Error('revoke takes exactly one key id')
    return { action, id: rest[0] }
  }
  throw new Error(`unknown command '${action}'`)
}

export async function keysCommand (argv: readonly string[], env: EnvSource, io: CliIo): Promise<number> {
  const command = parseCommand(io, 'acai keys', USAGE, () => parse(argv))
  if (typeof command === 'number') return command

  const database = await openCliDatabase(env, { warn: io.err })
  try {
    if (!database.persistent) {
      io.err(IN_MEMORY_NOTE)
      // A key created or revoked there would vanish with the process: refuse instead of pretending.
      if (command.action !== 'list') {
        io.err(`acai keys: refusing to ${command.action} a key in a database that is discarded on exit`)
        return 1
      }
    }
    const store = createApiKeyStore({ db: database.db, cacheTtlMs: 0 })

    if (command.action === 'create') {
      const { id, key } = await store.create({ name: command.name, scopes: command.scopes })
      await recordCliEvent(database.db, 'key.created', `key:${id}`)
      io.out([`id      ${id}`, `name    ${command.name}`, `scopes  ${command.scopes.join(',')}`, `key     ${key}`].join('\n'))
      io.err('The key is shown only this once: store it now. Only its sha256 hash is kept.')
      return 0
    }
    if (command.action === 'list') {
      const keys = await store.list()
      if (keys.length === 0) {
        io.out('No API keys. Create one with: acai keys create --name NAME --scopes chat')
        return 0
      }
      io.out(formatTable(['ID', 'NAME', 'SCOPES', 'CREATED', 'STATUS'], keys.map((k) => [
        k.id,
        k.name,
        k.scopes.join(','),
        k.createdAt.toISOString(),
        k.revokedAt !== null
          ? `revoked ${k.revokedAt.toISOString()}`
          : k.expiresAt === null ? 'active' : `${k.expiresAt.getTime() <= Date.now() ? 'expired' : 'expires'} ${k.expiresAt.toISOString()}`
      ])))
      return 0
    }
    if (await store.revoke(command.id)) {
      await recordCliEvent(database.db, 'key.revoked', `key:${command.id}`)
      const seconds = Math.ceil(database.config.API_KEY_CACHE_TTL_MS / 1000)
      io.out(`Revoked ${command.id}. Running servers refuse it within ${seconds} s (their verification cache).`)
      return 0
    }
    io.err(`acai keys: no active key with id '${command.id}'`)
    return 1
  } finally {
    await database.close()
  }
}

export function run (argv: string[]): Promise<number> {
  return keysCommand(argv, process.env, processIo)
}
