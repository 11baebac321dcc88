// Request bodies are JSON only. Fastify also parses text/plain by default, which let a JSON route sent
// `Content-Type: text/plain` reach validation and answer 400 "body must be object"; without that parser
// it answers 415, as every other non-JSON type does.
// The JSON parser is Fastify's own, fed from a buffer kept as `request.rawBody`: a signed request's HMAC
// covers the exact bytes sent (plugins/app/auth.ts), not a re-serialization of the parsed object.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's bytes as received, for JSON requests; undefined without a body. */
    rawBody: Buffer | undefined
  }
}

async function jsonBodies (fastify: FastifyInstance): Promise<void> {
  fastify.removeContentTypeParser('text/plain')
  const parseJson = fastify.getDefaultJsonParser('error', 'error')
  fastify.decorateRequest('rawBody', undefined)
  fastify.removeContentTypeParser('application/json')
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, function (this: FastifyInstance, request, body, done) {
    request.rawBody = body as Buffer
    parseJson.call(this, request, body.toString('utf8'), done)
  })
}

export default fp(jsonBodies, { name: 'json-bodies' })
