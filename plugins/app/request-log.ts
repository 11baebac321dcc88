// One log line per request (DESIGN.md 8): request id (bound by Fastify, echoed as X-Request-Id), method,
// route pattern, status and duration, plus the error code, and for a 5xx the error itself, that the
// error handler left on the reply. The raw URL stays out: it may carry identifiers or secrets.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

function fields (request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const line: Record<string, unknown> = {
    method: request.method,
    route: request.routeOptions.url ?? null,
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100
  }
  if (reply.failure !== null) {
    line.code = reply.failure.code
    if (reply.failure.err !== undefined) line.err = reply.failure.err
    else line.reason = reply.failure.reason
  }
  return line
}

async function requestLog (fastify: FastifyInstance): Promise<void> {
  // The id of the log line goes back to the client, so a report of a 5xx can be found in the log. Set
  // on arrival, for streamed replies (Server-Sent Events write their headers without onSend), and again
  // on send, for refusals by hooks that run before this one (load shedding, per-IP rate limit, draining).
  const tag = (request: FastifyRequest, reply: FastifyReply): void => { reply.header('x-request-id', request.id) }
  fastify.addHook('onRequest', (request, reply, done) => {
    tag(request, reply)
    done()
  })
  fastify.addHook('onSend', (request, reply, _payload, done) => {
    tag(request, reply)
    done()
  })

  fastify.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode >= 500) request.log.error(fields(request, reply), 'request failed')
    else request.log.info(fields(request, reply), 'request completed')
    done()
  })

  // A client that goes away before the reply gets no onResponse; its request still gets its line.
  fastify.addHook('onRequestAbort', (request, done) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? null, durationMs: null }, 'request aborted by the client')
    done()
  })
}

export default fp(requestLog, { name: 'request-log', dependencies: ['error-handler'] })
