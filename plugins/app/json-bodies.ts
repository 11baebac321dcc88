// Request bodies are JSON only. Fastify also parses text/plain by default, which let a JSON route sent
// `Content-Type: text/plain` reach validation and answer 400 "body must be object"; without that parser
// it answers 415, as every other non-JSON type does.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

async function jsonBodies (fastify: FastifyInstance): Promise<void> {
  fastify.removeContentTypeParser('text/plain')
}

export default fp(jsonBodies, { name: 'json-bodies' })
