// The one error handler and not-found handler (DESIGN.md 3.4), plus the shared `ErrorResponse` schema that
// every route references. 5xx details never reach the client: the handler leaves the error on
// `reply.failure` and plugins/app/request-log.ts writes it, with the request id, into the request's line.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ErrorResponseSchema } from '../../schemas/common.js'
import { toErrorReply } from '../../lib/errors/error-reply.js'

export interface ReplyFailure {
  code: string
  /** The client-facing message of a 4xx. */
  reason: string
  /** The error behind a 5xx, for the log only. */
  err?: unknown
}

declare module 'fastify' {
  interface FastifyReply {
    failure: ReplyFailure | null
  }
}

async function errorHandler (fastify: FastifyInstance): Promise<void> {
  fastify.addSchema(ErrorResponseSchema)
  fastify.decorateReply('failure', null)

  fastify.setErrorHandler((err, _request, reply) => {
    const { retryAfterSeconds, ...body } = toErrorReply(err)
    reply.failure = body.statusCode >= 500
      ? { code: body.code, reason: body.message, err }
      : { code: body.code, reason: body.message }
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds))
    return reply.code(body.statusCode).send(body)
  })

  fastify.setNotFoundHandler((request, reply) => {
    // The path goes back to the client but not into the log line: it is whatever the client typed.
    reply.failure = { code: 'NOT_FOUND', reason: 'no such route' }
    const message = `Route ${request.method} ${request.url.split('?')[0]} not found`
    return reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message })
  })
}

export default fp(errorHandler, { name: 'error-handler' })
