// The one error handler and not-found handler (DESIGN.md 3.4), plus the shared `ErrorResponse` schema that
// every route references. 5xx details go to the log with the request id, never to the client.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ErrorResponseSchema } from '../../schemas/common.js'
import { toErrorReply } from '../../lib/http-errors.js'

async function errorHandler (fastify: FastifyInstance): Promise<void> {
  fastify.addSchema(ErrorResponseSchema)

  fastify.setErrorHandler((err, request, reply) => {
    const { retryAfterSeconds, ...body } = toErrorReply(err)
    if (body.statusCode >= 500) {
      request.log.error({ err }, 'request failed')
    } else {
      request.log.info({ statusCode: body.statusCode, code: body.code, reason: body.message }, 'request rejected')
    }
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds))
    return reply.code(body.statusCode).send(body)
  })

  fastify.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({
      statusCode: 404,
      code: 'NOT_FOUND',
      error: 'Not Found',
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`
    })
  })
}

export default fp(errorHandler, { name: 'error-handler' })
