import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { UnauthorizedError } from '../../../lib/errors/catalogue.js'
import { ApiKeySecurity } from '../../../schemas/common.js'
import {
  ConversationParamsSchema,
  EventStreamResponse,
  IdempotencyHeadersSchema,
  TurnResponseSchema,
  errorResponses,
  postMessageBodySchema
} from '../../../schemas/conversations.js'

const TAGS = ['conversations']

// The turns of an existing conversation: a new user message (JSON or Server-Sent Events) and the
// missing reply after an outage.
export default async function turnRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const ownerOf = (principal: { keyId: string } | null): string => {
    if (principal === null) throw new UnauthorizedError()
    return principal.keyId
  }

  fastify.post('/:id/messages', {
    attachValidation: true,
    sse: 'dual',
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Send a message and get the reply',
      description: 'Stores the message before the assistant runs. 201 with both stored messages; with `Accept: text/event-stream` the reply streams (200): `delta` events {text}, `tool` events {name, ok}, then `done` with the same body as the 201.',
      operationId: 'postMessage',
      params: ConversationParamsSchema,
      headers: IdempotencyHeadersSchema,
      body: postMessageBodySchema(fastify.config.MAX_MESSAGE_LENGTH),
      response: { 200: EventStreamResponse, 201: TurnResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal)
    const { id } = request.params
    return fastify.chatTurn(request, reply, 201, (opts) => fastify.chat.post(ownerId, id, request.body, opts))
  })

  fastify.post('/:id/reply', {
    attachValidation: true,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Produce the missing reply to the last message',
      description: 'After a 503 from the assistant the user message is stored without a reply; this produces it. 409 when the last user message already has a reply or one is being produced.',
      operationId: 'replyToLastMessage',
      params: ConversationParamsSchema,
      headers: IdempotencyHeadersSchema,
      response: { 201: TurnResponseSchema, ...errorResponses(401, 403, 404, 409, 422, 429, 503) }
    }
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal)
    const { id } = request.params
    return fastify.chatTurn(request, reply, 201, (opts) => fastify.chat.replyPending(ownerId, id, opts))
  })
}
