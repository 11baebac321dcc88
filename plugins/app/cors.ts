// Cross-origin access from the browsers listed in CORS_ORIGINS; with none listed @fastify/cors is not
// registered at all, so no CORS header or preflight route exists. Keys travel in headers, never cookies.
import fp from 'fastify-plugin'
import fastifyCors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import { splitList } from '../../lib/config/list.js'

async function cors (fastify: FastifyInstance): Promise<void> {
  const origins = splitList(fastify.config.CORS_ORIGINS)
  if (origins.length === 0) return
  await fastify.register(fastifyCors, {
    origin: origins.includes('*') ? '*' : origins,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'x-request-id', 'last-event-id', 'idempotency-key'],
    exposedHeaders: ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-request-id', 'location', 'idempotent-replayed'],
    maxAge: 600
  })
}

export default fp(cors, { name: 'cors' })
