// The Telegram integration (DESIGN.md 3.5): POST /v1/integrations/telegram/webhook, on when a bot token is
// configured (404 otherwise). The secret header is checked before anything else (401); the update is
// answered 200 at once and handled in the background: a session message of the chat under the dedicated
// owner TELEGRAM_OWNER_ID, `update_id` as its idempotency key, the reply sent through the Bot API.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { NotFoundError, UnauthorizedError, AssistantUnavailableError } from '../../lib/errors/catalogue.js'
import { requestHash } from '../../lib/chat/index.js'
import { createBotApi } from '../../lib/telegram/bot-api.js'
import { readTelegramConfig } from '../../lib/telegram/config.js'
import { createTelegramWebhook, parseAllowedChats, secretMatches, type TelegramUpdate } from '../../lib/telegram/webhook.js'
import { errorResponses } from '../../schemas/conversations.js'
import { PublicSecurity } from '../../schemas/common.js'

/** Conversations of Telegram chats belong to this owner (not to an API key). */
export const TELEGRAM_OWNER_ID = 'integration:telegram'

const UpdateSchema = Type.Object({ update_id: Type.Integer({ minimum: 0 }) }, { additionalProperties: true, description: 'a Telegram Update object' })

async function telegram (fastify: FastifyInstance): Promise<void> {
  const config = fastify.config
  const settings = await readTelegramConfig(config)
  let handle: ((update: TelegramUpdate) => Promise<void>) | undefined
  const pending = new Set<Promise<void>>()

  if (settings !== undefined) {
    const bot = createBotApi({ token: settings.token, baseUrl: config.TELEGRAM_API_BASE_URL, timeoutMs: config.TELEGRAM_TIMEOUT_MS })
    const webhook = createTelegramWebhook({
      bot,
      allowedChats: parseAllowedChats(config.TELEGRAM_ALLOWED_CHATS),
      reply: async ({ updateId, chatId, userId, text }) => {
        const body = userId === undefined ? { platform: 'telegram', chatId, message: text } : { platform: 'telegram', chatId, userId, message: text }
        const outcome = await fastify.chatIdempotency.run({
          ownerId: TELEGRAM_OWNER_ID,
          key: `telegram-update-${updateId}`,
          requestHash: requestHash({ method: 'POST', route: '/v1/integrations/telegram/webhook', params: {}, body })
        }, async (ctx) => ({ status: 201, body: await fastify.chat.session(TELEGRAM_OWNER_ID, body, { onStored: (progress) => ctx.checkpoint({ ...progress }) }) }))
        return { text: outcome.body.reply.content, replayed: outcome.replayed }
      },
      reset: (chatId) => fastify.chat.endSession(TELEGRAM_OWNER_ID, 'telegram', chatId),
      isUnavailable: (err) => err instanceof AssistantUnavailableError,
      onError: (err, updateId) => fastify.log.error({ err, updateId }, 'telegram update failed')
    })
    handle = webhook.handle
    fastify.addHook('onClose', async () => {
      await Promise.allSettled([...pending])
      await bot.close()
    })
    fastify.log.info('telegram webhook enabled')
  }

  fastify.post('/v1/integrations/telegram/webhook', {
    schema: {
      tags: ['integrations'],
      // No API key: Telegram authenticates with the secret token header instead.
      security: PublicSecurity,
      summary: 'Telegram webhook',
      description: 'Telegram delivers updates here (enabled when TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE is set, else 404). Verified by X-Telegram-Bot-Api-Secret-Token against TELEGRAM_WEBHOOK_SECRET (401 otherwise). Answers 200 at once; the reply goes back through the Bot API. A redelivered update_id gets no second reply.',
      operationId: 'telegramWebhook',
      headers: Type.Object({ 'x-telegram-bot-api-secret-token': Type.Optional(Type.String({ description: 'the secret given to setWebhook' })) }),
      body: UpdateSchema,
      response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses(400, 401, 404, 413, 415) }
    },
    onRequest: async (request) => {
      if (settings === undefined) throw new NotFoundError('Route')
      if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], settings.secret)) throw new UnauthorizedError()
    }
  }, async (request) => {
    const work = (handle as (update: TelegramUpdate) => Promise<void>)(request.body as TelegramUpdate)
    pending.add(work)
    work.finally(() => pending.delete(work)).catch(() => {})
    return { ok: true }
  })
}

export default fp(telegram, { name: 'telegram', dependencies: ['@fastify/env', 'chat'] })
