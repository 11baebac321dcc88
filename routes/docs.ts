import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

// Public: Swagger UI at /docs and the OpenAPI document at /docs/json (DESIGN.md 3.3), unless
// DOCS_ENABLED=false. staticCSP gives these pages the script and style sources they need; the rest of
// the API keeps helmet's deny-everything policy.
export default async function docsRoute (fastify: FastifyInstance): Promise<void> {
  if (!fastify.config.DOCS_ENABLED) return
  await fastify.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true }
  })
}
