import type { Db } from 'mongodb'
import {
  createConversationStore,
  createIdempotencyStore,
  createMessageStore,
  createSessionStore,
  type Now
} from '../conversations/index.js'
import type { KeyValueStore } from '../kv/types.js'
import { createChatService, type ChatService } from './chat-service.js'
import { createIdempotencyRunner, type IdempotencyRunner } from './idempotency.js'
import type { ChatLogger, ReplyEngine, TitleMaker } from './ports.js'

export interface ChatOptions {
  db: Db
  engine: ReplyEngine
  titles: TitleMaker
  now?: Now
  /** Sliding session expiry (SESSION_TTL). */
  sessionTtlMs: number
  /** Session fast path; optional, MongoDB alone is enough. */
  kv?: KeyValueStore
  /** How long a duplicate idempotent request waits for the first before a 409. */
  idempotencyWaitMs?: number
  historyLimit?: number
  log?: ChatLogger
  /** LOG_CONTENT: log each turn's message and reply. */
  logContent?: boolean
}

export interface Chat {
  service: ChatService
  idempotency: IdempotencyRunner
}

/** Wires the stores over one Db with the assistant into the chat service and the idempotency runner. */
export function createChat (options: ChatOptions): Chat {
  const now = options.now ?? (() => new Date())
  const { db, kv } = options
  const service = createChatService({
    conversations: createConversationStore(db, now),
    messages: createMessageStore(db, now),
    sessions: createSessionStore({ db, now, ttlMs: options.sessionTtlMs, ...(kv === undefined ? {} : { kv }) }),
    engine: options.engine,
    titles: options.titles,
    now,
    ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
    ...(options.log === undefined ? {} : { log: options.log }),
    logContent: options.logContent === true
  })
  const idempotency = createIdempotencyRunner({
    store: createIdempotencyStore({ db, now }),
    ...(options.idempotencyWaitMs === undefined ? {} : { waitMs: options.idempotencyWaitMs })
  })
  return { service, idempotency }
}
