// Decorates `fastify.chat` (the lib/chat service: conversations, messages, sessions over MongoDB with the
// assistant) and `fastify.chatIdempotency` (Idempotency-Key handling). The REST routes and the Twirp
// compatibility routes both sit on these, so they behave the same. Storage failures that do not fail the
// request (a claim release, a prompt lookup) are logged and counted in store_failures_total.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { createChat, type ChatService, type IdempotencyRunner, type ReplyEngine, type StoreFailureReporter } from '../../lib/chat/index.js'
import { createPromptStore, type PromptStore, type UsageStore } from '../../lib/conversations/index.js'
import { messageTokens } from '../../lib/assistant/index.js'
import type { AppOptions } from '../../app.js'

declare module 'fastify' {
  interface FastifyInstance {
    chat: ChatService
    chatIdempotency: IdempotencyRunner
    /** Token usage per key and day. */
    chatUsage: UsageStore
    /** System prompts per platform (the admin routes publish new versions). */
    prompts: PromptStore
    /** Resolves once the rolling-summary folds started by earlier turns have finished. */
    chatIdle: () => Promise<void>
  }
}

async function chat (fastify: FastifyInstance, opts: Partial<AppOptions>): Promise<void> {
  const { config, assistant, db } = fastify
  const log = fastify.log.child({ component: 'chat' })

  const onStoreFailure: StoreFailureReporter = (operation, err, { gaveUp }) => {
    fastify.appMetrics.storeFailures.inc({ operation })
    log.error({ err, operation, gaveUp }, gaveUp ? 'storage write abandoned after retries' : 'storage call failed: answered without it')
  }
  const now = opts.chat?.now ?? (() => new Date())
  const prompts = createPromptStore({ db, now, onFailure: (err) => onStoreFailure('prompt.lookup', err, { gaveUp: false }) })
  const { summarizer } = assistant
  const engine: ReplyEngine = {
    countTokens: messageTokens,
    ...(summarizer === undefined ? {} : { summarize: (previous, history, signal) => summarizer.fold(previous, history, signal) }),
    async * reply ({ platform, message, history, summary, signal }) {
      const systemPrompt = await prompts.systemPrompt(platform)
      yield * assistant.stream({
        message,
        history,
        signal,
        ...(summary === undefined ? {} : { summary }),
        ...(systemPrompt === undefined ? {} : { systemPrompt })
      })
    }
  }
  const { service, idempotency, usage, summaries, close } = createChat({
    db,
    engine,
    titles: assistant.title,
    kv: fastify.kv,
    sessionTtlMs: config.SESSION_TTL_SECONDS * 1000,
    idempotencyWaitMs: config.IDEMPOTENCY_WAIT_MS,
    log,
    logContent: config.LOG_CONTENT,
    onStoreFailure,
    now
  })
  fastify.addHook('onClose', async () => { close() })
  fastify.decorate('chat', service)
  fastify.decorate('chatIdempotency', idempotency)
  fastify.decorate('chatUsage', usage)
  fastify.decorate('prompts', prompts)
  fastify.decorate('chatIdle', () => summaries.idle())
}

export default fp(chat, { name: 'chat', dependencies: ['mongodb', 'redis', 'migrations', 'assistant', 'metrics'] })
