import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { UnauthorizedError } from '../../../lib/errors/catalogue.js'
import { ApiKeySecurity } from '../../../schemas/common.js'
import { IdempotencyHeadersSchema, errorResponses } from '../../../schemas/conversations.js'
import { SessionParamsSchema, SessionTurnResponseSchema, sessionMessageBodySchema } from '../../../schemas/sessions.js'

const TAGS = ['sessions']

// Sessions for stateless clients (chat bots): the server remembers each chat's active conversation.
export default async function sessionRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const ownerOf = (principal: { keyId: string } | null): string => {
    if (principal === null) throw new UnauthorizedError()
    return principal.keyId
  }

  fastify.post('/messages', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Send a chat message, continuing the chat\'s active conversation',
      description: 'Continues the conversation of this platform and chat while it has been active within SESSION_TTL (sliding), otherwise starts a new one with the session metadata. 201 with both stored messages; `started` says whether a conversation was started.',
      operationId: 'postSessionMessage',
      headers: IdempotencyHeadersSchema,
      body: sessionMessageBodySchema(fastify.config.MAX_MESSAGE_LENGTH),
      response: { 201: SessionTurnResponseSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal)
    return fastify.chatTurn(request, reply, 201, (opts) => fastify.chat.session(ownerId, request.body, opts))
  })

  fastify.delete('/:platform/:chatId', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Reset a chat\'s session',
      description: 'The chat\'s next message starts a new conversation. The old conversation is kept. 204 whether or not a session was active.',
      operationId: 'resetSession',
      params: SessionParamsSchema,
      response: { 204: { type: 'null', description: 'Reset' }, ...errorResponses(400, 401, 403, 429, 503) }
    }
  }, async (request, reply) => {
    await fastify.chat.endSession(ownerOf(request.principal), request.params.platform, request.params.chatId)
    await fastify.audit.record(request, { action: 'session.reset', target: `session:${request.params.platform}/${request.params.chatId}` })
    return reply.code(204).send(null)
  })
}
