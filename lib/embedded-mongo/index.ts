// Public entry point: startEmbeddedMongo() runs a MongoDB-wire-compatible server in this process.
// A test double and development default (DESIGN.md section 9), not a production database.
import type { ServerState } from './commands/context.js'
import { CursorRegistry } from './cursors.js'
import { Journal } from './journal.js'
import { silentLogger, type EmbeddedMongo, type EmbeddedMongoOptions } from './options.js'
import { createScramCredential, ScramConversation, type ScramCredential } from './scram.js'
import { WireServer } from './server.js'
import { Storage } from './storage.js'
import { TtlSweeper } from './ttl.js'

export type { EmbeddedMongo, EmbeddedMongoLogger, EmbeddedMongoOptions, EmbeddedMongoUser } from './options.js'

const DEFAULT_TTL_SWEEP_MS = 60_000
const CURSOR_REAP_MS = 60_000

function formatHost (host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

export async function startEmbeddedMongo (opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const logger = opts.logger ?? silentLogger
  const host = opts.host ?? '127.0.0.1'
  const storage = new Storage(logger, opts.compactThresholdBytes)
  if (opts.dataDir !== undefined) {
    const { journal, recovered } = await Journal.open({ dir: opts.dataDir, groupCommitMs: 0, deserialize: { promoteValues: false, bsonRegExp: true } })
    storage.attach(journal, recovered)
  }
  let credentials: Map<string, ScramCredential> | undefined
  if (opts.users !== undefined && opts.users.length > 0) {
    credentials = new Map(opts.users.map((u) => [u.username, createScramCredential(u.password)]))
  }
  const creds = credentials
  const cursors = new CursorRegistry()
  const state: ServerState = {
    storage,
    cursors,
    logger,
    credentials,
    scramFactory: creds === undefined ? undefined : () => new ScramConversation((name) => creds.get(name)),
    startedAt: Date.now(),
    connectionCount: () => 0
  }
  const server = new WireServer(state)
  let port: number
  try {
    port = await server.listen(opts.port ?? 0, host)
  } catch (err) {
    await storage.close()
    throw err
  }
  const ttl = new TtlSweeper(storage, logger, opts.ttlSweepIntervalMs ?? DEFAULT_TTL_SWEEP_MS)
  ttl.start()
  const reaper = setInterval(() => cursors.reapIdle(), CURSOR_REAP_MS)
  reaper.unref()
  let closing: Promise<void> | undefined
  return {
    uri: `mongodb://${formatHost(host)}:${port}/?directConnection=true`,
    port,
    host,
    close () {
      closing ??= (async () => {
        clearInterval(reaper)
        await ttl.stop()
        await server.close()
        cursors.killAll()
        await storage.close()
      })()
      return closing
    }
  }
}
