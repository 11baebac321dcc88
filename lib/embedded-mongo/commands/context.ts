// What every command handler receives. Handlers are synchronous: they read and mutate storage in one
// uninterrupted step (so each command is atomic) and record their writes in `log`, which the connection
// commits to the journal before it sends the reply.
import type { Doc } from '../bson-values.js'
import type { CursorRegistry } from '../cursors.js'
import type { EmbeddedMongoLogger } from '../options.js'
import type { ScramConversation, ScramCredential } from '../scram.js'
import type { OpLog, Storage } from '../storage.js'

export interface ServerState {
  storage: Storage
  cursors: CursorRegistry
  logger: EmbeddedMongoLogger
  credentials: Map<string, ScramCredential> | undefined
  scramFactory: (() => ScramConversation) | undefined
  startedAt: number
  connectionCount: () => number
}

export interface ConnectionState {
  id: number
  remote: string
  user: string | undefined
  scram: ScramConversation | undefined
}

export interface CommandContext {
  server: ServerState
  conn: ConnectionState
  db: string
  name: string
  body: Doc
  log: OpLog
}

export type CommandHandler = (ctx: CommandContext) => Doc
