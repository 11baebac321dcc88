import type { FastifyInstance } from 'fastify'

// Administration (DESIGN.md 3.5) needs the `admin` scope, on top of the `chat` scope every /v1 route asks.
export default async function adminHooks (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', fastify.requireScope('admin'))
}
