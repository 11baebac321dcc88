// Decorates `fastify.chatTurn(request, reply, status, run)`: how a chat route answers a turn. It wires
// the client-disconnect abort, the Idempotency-Key (one run per key and body, replays marked with
// Idempotent-Replayed) and, when the route negotiated Server-Sent Events, the delta/tool/done stream.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SSEReplyInterface } from '@fastify/sse'
import { AssistantUnavailableError, UnauthorizedError } from '../../lib/errors/catalogue.js'
import { toErrorReply } from '../../lib/errors/error-reply.js'
import { disconnectSignal, requestHash, toTurnProgress, type AssistantEvent, type AttemptContext, type TurnOptions } from '../../lib/chat/index.js'

export type TurnRunner<T> = (opts: TurnOptions) => Promise<T>
export type ChatTurn = <T>(request: FastifyRequest, reply: FastifyReply, status: number, run: TurnRunner<T>) => Promise<FastifyReply | undefined>

declare module 'fastify' {
  interface FastifyInstance {
    chatTurn: ChatTurn
  }
}

function streamEvent (sse: SSEReplyInterface, event: AssistantEvent): Promise<void> {
  if (event.type === 'delta') return sse.send({ event: 'delta', data: { text: event.text } })
  if (event.type === 'tool') return sse.send({ event: 'tool', data: { name: event.name, ok: event.ok } })
  return Promise.resolve()
}

async function chatTurns (fastify: FastifyInstance): Promise<void> {
  async function chatTurn<T> (request: FastifyRequest, reply: FastifyReply, status: number, run: TurnRunner<T>): Promise<FastifyReply | undefined> {
    if (request.principal === null) throw new UnauthorizedError()
    const ownerId = request.principal.keyId
    // Set only when the route negotiated text/event-stream (`sse: 'dual'`).
    const sse: SSEReplyInterface | undefined = reply.sse
    let streaming = false
    const { signal, dispose } = disconnectSignal(reply.raw)

    const execute = async (ctx: AttemptContext): Promise<{ status: number, body: T }> => {
      const opts: TurnOptions = { signal, onStored: (progress) => ctx.checkpoint({ ...progress }) }
      const resume = toTurnProgress(ctx.progress)
      if (resume !== undefined) opts.resume = resume
      if (sse !== undefined) {
        opts.onEvent = (event) => {
          streaming = true
          return streamEvent(sse, event)
        }
      }
      return { status, body: await run(opts) }
    }

    try {
      const key = request.headers['idempotency-key']
      const outcome = typeof key === 'string'
        ? await fastify.chatIdempotency.run({
          ownerId,
          key,
          requestHash: requestHash({ method: request.method, route: request.routeOptions.url, params: request.params, body: request.body })
        }, execute)
        : { ...(await execute({ checkpoint: async () => {} })), replayed: false }
      if (outcome.replayed) reply.header('idempotent-replayed', 'true')
      if (sse === undefined) return reply.code(outcome.status).send(outcome.body)
      await sse.send({ event: 'done', data: outcome.body })
      return undefined
    } catch (err) {
      // A caller that never learnt the conversation id (it was created by this request) finds it here.
      if (err instanceof AssistantUnavailableError && err.conversationId !== undefined) {
        reply.header('location', `/v1/conversations/${err.conversationId}`)
      }
      if (sse === undefined || !streaming) throw err
      // The stream has begun (status and headers are gone): the error travels as the last event.
      const { retryAfterSeconds: _retryAfter, ...body } = toErrorReply(err)
      reply.failure = body.statusCode >= 500 ? { code: body.code, reason: body.message, err } : { code: body.code, reason: body.message }
      if (sse.isConnected) await sse.send({ event: 'error', data: body }).catch(() => {})
      return undefined
    } finally {
      dispose()
    }
  }

  fastify.decorate('chatTurn', chatTurn)
}

export default fp(chatTurns, { name: 'chat-turns', dependencies: ['chat', 'error-handler'] })
