import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { UnauthorizedError } from '../../../lib/errors/catalogue.js'
import { ApiKeySecurity } from '../../../schemas/common.js'
import {
  ConversationParamsSchema,
  ConversationSchema,
  ConversationWithMessagesSchema,
  DEFAULT_LIST_LIMIT,
  DEFAULT_MESSAGES_LIMIT,
  GetQuerySchema,
  IdempotencyHeadersSchema,
  ListQuerySchema,
  ListResponseSchema,
  RenameBodySchema,
  TurnResponseSchema,
  createConversationBodySchema,
  errorResponses
} from '../../../schemas/conversations.js'

const TAGS = ['conversations']

// Conversations of the caller's API key (DESIGN.md 3.1). Ids that are malformed, unknown or another
// key's all answer 404 (routes/v1/autohooks.ts); turns go through fastify.chatTurn.
export default async function conversationRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const ownerOf = (principal: { keyId: string } | null): string => {
    if (principal === null) throw new UnauthorizedError()
    return principal.keyId
  }

  fastify.post('', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Start a conversation with its first message',
      description: 'Stores the message, then produces the reply and the title in parallel. Answers 201 with both stored messages.',
      operationId: 'createConversation',
      headers: IdempotencyHeadersSchema,
      body: createConversationBodySchema(fastify.config.MAX_MESSAGE_LENGTH),
      response: { 201: TurnResponseSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429, 503) }
    }
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal)
    const { message, metadata } = request.body
    return fastify.chatTurn(request, reply, 201, (opts) => fastify.chat.start(ownerId, metadata === undefined ? { message } : { message, metadata }, opts))
  })

  fastify.get('', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'List conversations, newest activity first',
      description: 'Cursor pagination: pass `nextCursor` as `cursor` for the next page; pages never repeat or skip a conversation when new ones are created meanwhile.',
      operationId: 'listConversations',
      querystring: ListQuerySchema,
      response: { 200: ListResponseSchema, ...errorResponses(400, 401, 403, 429, 503) }
    }
  }, async (request) => {
    const { limit = DEFAULT_LIST_LIMIT, cursor } = request.query
    return fastify.chat.list(ownerOf(request.principal), cursor === undefined ? { limit } : { limit, cursor })
  })

  fastify.get('/:id', {
    attachValidation: true,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Get a conversation with its latest messages',
      description: 'Messages oldest first; `messagesLimit` of the latest, and `before` (the `nextBefore` of the previous page) for older ones.',
      operationId: 'getConversation',
      params: ConversationParamsSchema,
      querystring: GetQuerySchema,
      response: { 200: ConversationWithMessagesSchema, ...errorResponses(400, 401, 403, 404, 429, 503) }
    }
  }, async (request) => {
    const { messagesLimit = DEFAULT_MESSAGES_LIMIT, before } = request.query
    return fastify.chat.describe(ownerOf(request.principal), request.params.id, before === undefined ? { messagesLimit } : { messagesLimit, before })
  })

  fastify.patch('/:id', {
    attachValidation: true,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Rename a conversation',
      operationId: 'renameConversation',
      params: ConversationParamsSchema,
      body: RenameBodySchema,
      response: { 200: ConversationSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) }
    }
  }, async (request) => {
    return fastify.chat.rename(ownerOf(request.principal), request.params.id, request.body.title)
  })

  fastify.delete('/:id', {
    attachValidation: true,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Delete a conversation and its messages',
      operationId: 'deleteConversation',
      params: ConversationParamsSchema,
      response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses(401, 403, 404, 429, 503) }
    }
  }, async (request, reply) => {
    await fastify.chat.remove(ownerOf(request.principal), request.params.id)
    await fastify.audit.record(request, { action: 'conversation.deleted', target: `conversation:${request.params.id}` })
    return reply.code(204).send(null)
  })
}
