// The OpenAPI 3 document, built from the route schemas (DESIGN.md 3). Registered before the routes so
// it sees them all; routes/docs.ts serves it with Swagger UI. DOCS_ENABLED=false leaves both out.
import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { readPackageInfo } from '../../lib/config/package-info.js'

async function swagger (fastify: FastifyInstance): Promise<void> {
  if (!fastify.config.DOCS_ENABLED) return
  const pkg = readPackageInfo()
  await fastify.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: pkg.name, description: pkg.description, version: pkg.version },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key (`acai keys create`)' },
          bearer: { type: 'http', scheme: 'bearer', description: 'The same API key as a bearer token' }
        }
      },
      tags: [
        { name: 'conversations', description: 'Conversations with the assistant (scope `chat`)' },
        { name: 'sessions', description: 'Chat-bot sessions: the active conversation of a platform chat (scope `chat`)' },
        { name: 'twirp', description: 'Compatibility with the Go service\'s Twirp JSON clients (scope `chat`)' },
        { name: 'operations', description: 'Health, readiness and metrics' }
      ]
    },
    // Shared schemas appear under their own $id (components.schemas.ErrorResponse), not def-N.
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, i) {
        return typeof json.$id === 'string' ? json.$id : `def-${i}`
      }
    }
  })
}

export default fp(swagger, { name: 'swagger', dependencies: ['@fastify/env'] })
