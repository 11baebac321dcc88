import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { UnauthorizedError } from '../../lib/errors/catalogue.js'
import {
  decodeContinueRequest,
  decodeDescribeRequest,
  decodeIdempotencyKey,
  decodeListRequest,
  decodeStartRequest,
  type SessionAddress
} from '../../lib/twirp/requests.js'
import {
  continueConversationResponse,
  describeConversationResponse,
  listConversationsResponse,
  startConversationResponse
} from '../../lib/twirp/responses.js'
import type { TurnOptions } from '../../lib/chat/index.js'
import { pathOf, unroutedError } from '../../lib/twirp/routing.js'
import { ApiKeySecurity } from '../../schemas/common.js'
import { IdempotencyHeadersSchema } from '../../schemas/conversations.js'
import {
  ContinueConversationRequestSchema,
  ContinueConversationResponseSchema,
  DescribeConversationRequestSchema,
  DescribeConversationResponseSchema,
  ListConversationsRequestSchema,
  ListConversationsResponseSchema,
  StartConversationRequestSchema,
  StartConversationResponseSchema,
  twirpErrorResponses
} from '../../schemas/twirp.js'

const TAGS = ['twirp']
const SERVICE = '/acai.chat.ChatService'
// The Go service listed at most 100 conversations and described a conversation whole; the latest 1000
// messages cover every conversation a chat client shows while bounding one response.
const LIST_LIMIT = 100
const DESCRIBE_MESSAGES = 1000

// Requests are decoded by lib/twirp/requests.ts, with protobuf JSON's rules (either field casing, null as
// unset, no type coercion) and the Go service's error codes; the schemas document them for OpenAPI.
const decodedByHandler = () => () => true

// The Go service's Twirp JSON API (DESIGN.md 3.2) on the same chat service as /v1: turns go through
// fastify.chatTurn, so Idempotency-Key and client disconnects work as on the REST routes.
export default async function twirpRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const limits = { maxMessageLength: fastify.config.MAX_MESSAGE_LENGTH }
  const ownerOf = (request: FastifyRequest): string => {
    if (request.principal === null) throw new UnauthorizedError()
    return request.principal.keyId
  }
  const session = (ownerId: string, address: SessionAddress, message: string, opts: TurnOptions) =>
    fastify.chat.session(ownerId, { ...address, message }, opts)

  // Other paths and HTTP methods under /twirp are served in this context, so they are Twirp errors too.
  // The routing hook of autohooks.ts refuses them first (before authentication); this is the fallback.
  fastify.setNotFoundHandler(async (request) => {
    throw unroutedError({ method: request.method, path: pathOf(request.url) })
  })

  fastify.post(`${SERVICE}/StartConversation`, {
    validatorCompiler: decodedByHandler,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Twirp: start a conversation with its first message',
      description: 'Twirp JSON (Go service compatible). With session_metadata naming platform and chat_id, behaves as POST /v1/sessions/messages: continues that chat\'s active conversation or starts one.',
      operationId: 'twirpStartConversation',
      headers: IdempotencyHeadersSchema,
      body: StartConversationRequestSchema,
      response: { 200: StartConversationResponseSchema, ...twirpErrorResponses(400, 401, 403, 404, 409, 429, 500, 503) }
    }
  }, async (request, reply) => {
    const ownerId = ownerOf(request)
    const input = decodeStartRequest(request.body, limits)
    decodeIdempotencyKey(request.headers['idempotency-key'])
    return fastify.chatTurn(request, reply, 200, async (opts) => startConversationResponse(input.kind === 'session'
      ? await session(ownerId, input.session, input.message, opts)
      : await fastify.chat.start(ownerId, input.metadata === undefined ? { message: input.message } : { message: input.message, metadata: input.metadata }, opts)))
  })

  fastify.post(`${SERVICE}/ContinueConversation`, {
    validatorCompiler: decodedByHandler,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Twirp: send a message to a conversation and get the reply',
      description: 'Twirp JSON (Go service compatible). Continues conversation_id; without it, the chat named by session_metadata (platform and chat_id) as POST /v1/sessions/messages does.',
      operationId: 'twirpContinueConversation',
      headers: IdempotencyHeadersSchema,
      body: ContinueConversationRequestSchema,
      response: { 200: ContinueConversationResponseSchema, ...twirpErrorResponses(400, 401, 403, 404, 409, 429, 500, 503) }
    }
  }, async (request, reply) => {
    const ownerId = ownerOf(request)
    const input = decodeContinueRequest(request.body, limits)
    decodeIdempotencyKey(request.headers['idempotency-key'])
    return fastify.chatTurn(request, reply, 200, async (opts) => continueConversationResponse(input.kind === 'session'
      ? await session(ownerId, input.session, input.message, opts)
      : await fastify.chat.post(ownerId, input.conversationId, { message: input.message }, opts)))
  })

  fastify.post(`${SERVICE}/ListConversations`, {
    validatorCompiler: decodedByHandler,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Twirp: list conversations, newest activity first',
      description: 'Twirp JSON (Go service compatible). The caller\'s latest 100 conversations, without messages; `{}` when there are none.',
      operationId: 'twirpListConversations',
      body: ListConversationsRequestSchema,
      response: { 200: ListConversationsResponseSchema, ...twirpErrorResponses(400, 401, 403, 404, 429, 500, 503) }
    }
  }, async (request) => {
    const ownerId = ownerOf(request)
    decodeListRequest(request.body)
    const page = await fastify.chat.list(ownerId, { limit: LIST_LIMIT })
    return listConversationsResponse(page.items)
  })

  fastify.post(`${SERVICE}/DescribeConversation`, {
    validatorCompiler: decodedByHandler,
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Twirp: get a conversation with its messages',
      description: `Twirp JSON (Go service compatible). Messages oldest first (the latest ${DESCRIBE_MESSAGES}). Unknown, malformed and other keys' ids are not_found.`,
      operationId: 'twirpDescribeConversation',
      body: DescribeConversationRequestSchema,
      response: { 200: DescribeConversationResponseSchema, ...twirpErrorResponses(400, 401, 403, 404, 429, 500, 503) }
    }
  }, async (request) => {
    const ownerId = ownerOf(request)
    const { conversationId } = decodeDescribeRequest(request.body)
    const { conversation, messages } = await fastify.chat.describe(ownerId, conversationId, { messagesLimit: DESCRIBE_MESSAGES })
    return describeConversationResponse(conversation, messages)
  })
}
