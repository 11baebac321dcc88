// The OpenAPI 3 document, built from the route schemas (DESIGN.md 3). Registered before the routes so
// it sees them all; routes/docs.ts serves it with Swagger UI. DOCS_ENABLED=false leaves both out.
import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { readPackageInfo } from '../../lib/config/package-info.js'
import { withResponseHeaders } from '../../lib/openapi/response-headers.js'

// Who API users ask for help: the deployment's own contact when configured (API_CONTACT).
function contactOf (name: string, contact: string | undefined): Record<string, string> {
  if (contact === undefined) return { name: `${name} maintainers` }
  return contact.includes('://') ? { name: `${name} operators`, url: contact } : { name: `${name} operators`, email: contact }
}

async function swagger (fastify: FastifyInstance): Promise<void> {
  if (!fastify.config.DOCS_ENABLED) return
  const pkg = readPackageInfo()
  await fastify.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: pkg.name,
        description: pkg.description,
        version: pkg.version,
        contact: contactOf(pkg.name, fastify.config.API_CONTACT),
        license: { name: pkg.license, identifier: pkg.license }
      },
      // Relative unless PUBLIC_URL says where clients reach the service: Swagger UI then calls the host it
      // was loaded from, whatever name or port that is, and generated clients take their base URL anyway.
      servers: [{ url: fastify.config.PUBLIC_URL ?? '/', description: fastify.config.PUBLIC_URL === undefined ? 'The host serving this document' : 'This deployment' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key (`acai keys create`)' },
          bearer: { type: 'http', scheme: 'bearer', description: 'The same API key as a bearer token' },
          signature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Acai-Signature',
            description: 'Required, with X-Acai-Timestamp and the API key, for keys created with `requireSignature`: `v1=` and the hex HMAC-SHA256, keyed with the key\'s signing secret, of "timestamp\\nMETHOD\\npath-with-query\\nsha256-hex-of-body". Refused with 401 INVALID_SIGNATURE when missing, outside 300 s of the server\'s clock, reused or wrong.'
          },
          signatureTimestamp: { type: 'apiKey', in: 'header', name: 'X-Acai-Timestamp', description: 'Unix seconds when the request was signed (see `signature`)' }
        }
      },
      tags: [
        { name: 'conversations', description: 'Conversations with the assistant (scope `chat`)' },
        { name: 'sessions', description: 'Chat-bot sessions: the active conversation of a platform chat (scope `chat`)' },
        { name: 'twirp', description: 'Compatibility with the Go service\'s Twirp JSON clients (scope `chat`)' },
        { name: 'integrations', description: 'Webhooks of chat platforms (Telegram), authenticated by the platform\'s own secret' },
        { name: 'operations', description: 'Health, readiness and metrics' }
      ]
    },
    transformObject: (documentObject) => withResponseHeaders('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject),
    // Shared schemas appear under their own $id (components.schemas.ErrorResponse), not def-N.
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, i) {
        return typeof json.$id === 'string' ? json.$id : `def-${i}`
      }
    }
  })
}

export default fp(swagger, { name: 'swagger', dependencies: ['@fastify/env'] })
