// Security headers on every response (DESIGN.md 6), computed by helmet once at start-up and copied onto
// each reply: @fastify/helmet rebuilt helmet's middleware (parsing the policy again) on every request,
// about 4% of the CPU of a small request. The API only returns JSON and text, so its content security
// policy allows nothing at all; Swagger UI under /docs sets its own for its pages (routes/docs.ts).
// Loaded first (plugins/external), so every response has them, including 429s and 503s from early hooks.
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import type { FastifyInstance } from 'fastify'

export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"]
    }
  }
}

/** The headers helmet sets for these options: they depend on the options alone, not on the request. */
export function helmetHeaders (options: HelmetOptions): Record<string, string> {
  const response = new ServerResponse(new IncomingMessage(new Socket()))
  helmet(options)(response.req, response, () => {})
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]))
}

async function securityHeaders (fastify: FastifyInstance): Promise<void> {
  const headers = helmetHeaders(HELMET_OPTIONS)
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}

export default fp(securityHeaders, { name: 'helmet' })
