import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { DOCS_TITLE, FAVICON_SVG, LOGO_SVG } from '../lib/docs/brand.js'

// Swagger UI's pages load their scripts, styles, fonts and images from /docs itself; nothing else is
// allowed. No `upgrade-insecure-requests`: over plain HTTP on any host but localhost (a dev server reached
// by LAN address, container or VM name) it made the browser fetch the assets over https, and the page
// stayed blank.
export const DOCS_CSP = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // The one inline style Swagger UI has: the <style> of the logo SVG in its top bar.
  'style-src': ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"]
}

// Headers that only a secure context honours; over plain HTTP the browser logs an error for each page.
const SECURE_CONTEXT_ONLY_HEADERS = ['cross-origin-opener-policy', 'origin-agent-cluster']

// Public: Swagger UI at /docs and the OpenAPI document at /docs/json (DESIGN.md 3.3), unless
// DOCS_ENABLED=false. These pages get their own content security policy; the rest of the API keeps
// helmet's deny-everything one.
export default async function docsRoute (fastify: FastifyInstance): Promise<void> {
  if (!fastify.config.DOCS_ENABLED) return
  fastify.addHook('onSend', async (_request, reply) => {
    for (const header of SECURE_CONTEXT_ONLY_HEADERS) reply.removeHeader(header)
  })
  await fastify.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CSP,
    theme: {
      title: DOCS_TITLE,
      favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: Buffer.from(FAVICON_SVG) }]
    },
    logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/docs', target: '_self' },
    // The key entered under "Authorize" survives a reload (it stays in this browser's local storage).
    uiConfig: { docExpansion: 'list', deepLinking: true, persistAuthorization: true }
  })
}
