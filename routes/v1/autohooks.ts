import type { FastifyInstance, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../lib/errors/catalogue.js'

const TRIMMED_FIELDS = ['message', 'title', 'text'] as const

// Text is trimmed before validation, so "   " fails `minLength` with the usual 400 and limits count
// what is stored.
async function trimTextFields (request: FastifyRequest): Promise<void> {
  const body = request.body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return
  for (const field of TRIMMED_FIELDS) {
    const value: unknown = Reflect.get(body, field)
    if (typeof value === 'string') Reflect.set(body, field, value.trim())
  }
}

// Routes with an id in the path validate it with `attachValidation`: an id that is not an ObjectId names
// no conversation, so it is a 404 like an unknown or another key's id. Other invalid input stays a 400.
async function malformedIdIsNotFound (request: FastifyRequest): Promise<void> {
  const failure = request.validationError
  if (failure === undefined || failure === null) return
  if (failure.validationContext === 'params') throw new NotFoundError('Conversation')
  throw failure
}

// Everything under /v1 needs an API key with the `chat` scope (DESIGN.md 3.1).
export default async function v1Hooks (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', fastify.requireScope('chat'))
  fastify.addHook('preValidation', trimTextFields)
  fastify.addHook('preHandler', malformedIdIsNotFound)
}
