import type { Db } from 'mongodb'
import {
  createConversationStore,
  createIdempotencyStore,
  createMessageStore,
  createSessionStore,
  createUsageStore,
  type Now,
  type UsageStore
} from '../conversations/index.js'
import type { KeyValueStore } from '../kv/types.js'
import { createBackgroundRetry } from './background-retry.js'
import { createChatService, type ChatService } from './chat-service.js'
import { createIdempotencyRunner, type IdempotencyRunner } from './idempotency.js'
import { createSummaryWriter, type SummaryWriter } from './summaries.js'
import type { ChatLogger, ReplyEngine, StoreFailureReporter, TitleMaker } from './ports.js'

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
  /** Storage failures the answer did not depend on (claim and record releases): log and count them. */
  onStoreFailure?: StoreFailureReporter
}

export interface Chat {
  service: ChatService
  idempotency: IdempotencyRunner
  /** Token usage per key and day (GET /v1/usage). */
  usage: UsageStore
  /** The rolling-summary folds running after turns (`idle()` waits for them). */
  summaries: SummaryWriter
  /** Stops the background retries of failed releases and the running summary folds (the app is closing). */
  close (): void
}

/** Wires the stores over one Db with the assistant into the chat service and the idempotency runner. */
export function createChat (options: ChatOptions): Chat {
  const now = options.now ?? (() => new Date())
  const { db, kv } = options
  const background = createBackgroundRetry(options.onStoreFailure === undefined ? {} : { onFailure: options.onStoreFailure })
  const conversations = createConversationStore(db, now)
  const messages = createMessageStore(db, now)
  const usage = createUsageStore(db)
  const summaries = createSummaryWriter({
    conversations,
    messages,
    engine: options.engine,
    usage,
    now,
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.onStoreFailure === undefined ? {} : { onStoreFailure: options.onStoreFailure })
  })
  const service = createChatService({
    conversations,
    messages,
    usage,
    summaries,
    sessions: createSessionStore({ db, now, ttlMs: options.sessionTtlMs, ...(kv === undefined ? {} : { kv }) }),
    engine: options.engine,
    titles: options.titles,
    now,
    background,
    ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
    ...(options.log === undefined ? {} : { log: options.log }),
    logContent: options.logContent === true
  })
  const idempotency = createIdempotencyRunner({
    store: createIdempotencyStore({ db, now }),
    background,
    ...(options.idempotencyWaitMs === undefined ? {} : { waitMs: options.idempotencyWaitMs })
  })
  return {
    service,
    idempotency,
    usage,
    summaries,
    close: () => {
      background.close()
      summaries.close()
    }
  }
}
