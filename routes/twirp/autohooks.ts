import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { toTwirpError } from '../../lib/twirp/errors.js'
import { pathOf, routeError } from '../../lib/twirp/routing.js'

// The Go service's clients expect Twirp's wire rules under /twirp (DESIGN.md 3.2): this route group has
// its own error handler (routes are not wrapped with fastify-plugin, so it stays encapsulated here)
// answering `{ code, msg, meta? }` for every failure, routing refusals included. The not-found handler
// is set in index.ts, which carries the /twirp prefix it applies to.

// Twirp routes before anything else: a request for no method, or not POST, or not JSON, is `bad_route`
// whoever sends it, as in the Go server, where routing preceded the service and its authentication.
async function twirpRouting (request: FastifyRequest): Promise<void> {
  const refusal = routeError({ method: request.method, path: pathOf(request.url), contentType: request.headers['content-type'], known: !request.is404 })
  if (refusal !== undefined) throw refusal
}

function twirpErrorHandler (err: Error, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { statusCode, body, retryAfterSeconds } = toTwirpError(err)
  // The request log gets the code; a bad_route message would put client-typed paths in it.
  reply.failure = statusCode >= 500
    ? { code: body.code, reason: body.msg, err }
    : { code: body.code, reason: body.code === 'bad_route' ? 'no such Twirp route' : body.msg }
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds))
  return reply.code(statusCode).send(body)
}

// Everything under /twirp also needs an API key with the `chat` scope, like /v1 (DESIGN.md 3.2).
export default async function twirpHooks (fastify: FastifyInstance): Promise<void> {
  fastify.setErrorHandler(twirpErrorHandler)
  fastify.addHook('onRequest', twirpRouting)
  fastify.addHook('onRequest', fastify.requireScope('chat'))
}
