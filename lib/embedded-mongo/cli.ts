// `acai mongo`: the embedded MongoDB-compatible server in the foreground, for development and for tools
// that need a disposable MongoDB. Logs go to stderr so stdout carries exactly one line, the URI, which
// scripts can read to know the server is ready.
import { parseArgs } from 'node:util'
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoLogger, type EmbeddedMongoUser } from './index.js'

const USAGE = `usage: acai mongo [--port 27017] [--host 127.0.0.1] [--data-dir DIR] [--user NAME:PASSWORD]...

Runs the embedded MongoDB-compatible server in the foreground: a test double and development default,
never a production database. Prints one line with the mongodb:// URI when ready; SIGTERM or SIGINT stops
it cleanly.

  --port N              TCP port, 0 picks a free one (default 27017)
  --host HOST           address to listen on (default 127.0.0.1)
  --data-dir DIR        keep a journal and snapshots there; without it, data lives in memory only
  --user NAME:PASSWORD  require SCRAM-SHA-256 authentication as this admin user (repeatable)
  -h, --help            show this help
`

interface CliOptions { port: number, host: string, dataDir?: string, users: EmbeddedMongoUser[] }

class UsageError extends Error {}

function parseUser (value: string): EmbeddedMongoUser {
  const colon = value.indexOf(':')
  const username = colon < 0 ? '' : value.slice(0, colon)
  const password = colon < 0 ? '' : value.slice(colon + 1)
  if (username === '' || password === '') throw new UsageError(`--user expects NAME:PASSWORD, got '${colon < 0 ? value : `${username}:***`}'`)
  return { username, password }
}

function parsePort (value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port expects 0-65535, got '${value}'`)
  return port
}

function parse (argv: string[]): CliOptions | 'help' {
  let values
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '27017' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        user: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }))
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  if (values.help) return 'help'
  if (values.host === '') throw new UsageError('--host must not be empty')
  if (values['data-dir'] === '') throw new UsageError('--data-dir must not be empty')
  const users = values.user.map(parseUser)
  const names = new Set(users.map((user) => user.username))
  if (names.size !== users.length) throw new UsageError('--user names must be unique')
  return { port: parsePort(values.port), host: values.host, dataDir: values['data-dir'], users }
}

function stderrLogger (): EmbeddedMongoLogger {
  const write = (level: string, msg: string): void => {
    process.stderr.write(`${new Date().toISOString()} acai mongo ${level}: ${msg}\n`)
  }
  return {
    info: (msg) => write('info', msg),
    warn: (msg) => write('warn', msg),
    error: (msg) => write('error', msg)
  }
}

// The password never appears: clients add it themselves, and the URI line ends up in logs and terminals.
function displayUri (server: EmbeddedMongo, users: EmbeddedMongoUser[]): string {
  const first = users[0]
  if (first === undefined) return server.uri
  const url = new URL(server.uri)
  url.username = encodeURIComponent(first.username)
  url.searchParams.set('authSource', 'admin')
  return url.toString()
}

function nextSignal (): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
      resolve(signal)
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
  })
}

export async function run (argv: string[]): Promise<number> {
  let options: CliOptions | 'help'
  try {
    options = parse(argv)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    process.stderr.write(`acai mongo: ${err.message}\n\n${USAGE}`)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(USAGE)
    return 0
  }

  const logger = stderrLogger()
  // Listening before start-up means a signal during start-up still ends in a clean close.
  const stopSignal = nextSignal()
  let server: EmbeddedMongo
  try {
    server = await startEmbeddedMongo({
      port: options.port,
      host: options.host,
      dataDir: options.dataDir,
      users: options.users.length > 0 ? options.users : undefined,
      logger
    })
  } catch (err) {
    logger.error(`could not start: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  logger.info(options.dataDir === undefined
    ? 'data is kept in memory only and is lost when the server stops'
    : `data is journaled in ${options.dataDir}`)
  process.stdout.write(`${displayUri(server, options.users)}\n`)

  const signal = await stopSignal
  logger.info(`${signal} received, closing`)
  // A second signal means the operator does not want to wait for the journal flush.
  const force = (): void => {
    logger.warn('second signal, exiting without a clean close')
    process.exit(1)
  }
  process.once('SIGTERM', force)
  process.once('SIGINT', force)
  try {
    await server.close()
  } catch (err) {
    logger.error(`close failed: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  } finally {
    process.off('SIGTERM', force)
    process.off('SIGINT', force)
  }
  logger.info('closed')
  return 0
}
