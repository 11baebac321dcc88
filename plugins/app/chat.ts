// Decorates `fastify.chat` (the lib/chat service: conversations, messages, sessions over MongoDB with the
// assistant) and `fastify.chatIdempotency` (Idempotency-Key handling). The REST routes and the Twirp
// compatibility routes both sit on these, so they behave the same.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { createChat, type ChatService, type IdempotencyRunner, type ReplyEngine } from '../../lib/chat/index.js'
import { createPromptStore } from '../../lib/conversations/index.js'
import type { AppOptions } from '../../app.js'

declare module 'fastify' {
  interface FastifyInstance {
    chat: ChatService
    chatIdempotency: IdempotencyRunner
  }
}

async function chat (fastify: FastifyInstance, opts: Partial<AppOptions>): Promise<void> {
  const db = fastify.mongo.db
  if (db === undefined) throw new Error('chat needs the MongoDB database handle')
  const { config, assistant } = fastify
  const log = fastify.log.child({ component: 'chat' })

  const now = opts.chat?.now ?? (() => new Date())
  const prompts = createPromptStore({ db, now })
  const engine: ReplyEngine = {
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
  const { service, idempotency } = createChat({
    db,
    engine,
    titles: assistant.title,
    kv: fastify.kv,
    sessionTtlMs: config.SESSION_TTL_SECONDS * 1000,
    idempotencyWaitMs: config.IDEMPOTENCY_WAIT_MS,
    log,
    logContent: config.LOG_CONTENT,
    now
  })
  fastify.decorate('chat', service)
  fastify.decorate('chatIdempotency', idempotency)
}

export default fp(chat, { name: 'chat', dependencies: ['mongodb', 'redis', 'migrations', 'assistant'] })
