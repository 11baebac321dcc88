import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ApiKeySummary } from '../../../../lib/api-keys/store.js'
import { BadRequestError, NotFoundError } from '../../../../lib/errors/catalogue.js'
import { ApiKeySecurity } from '../../../../schemas/common.js'
import { errorResponses } from '../../../../schemas/conversations.js'
import { ApiKeyListSchema, CreatedKeySchema, CreateKeyBodySchema, KeyParamsSchema, type ApiKeyView } from '../../../../schemas/admin.js'

const TAGS = ['admin']

export function keyView (summary: ApiKeySummary, now: Date): ApiKeyView {
  const expired = summary.expiresAt !== null && summary.expiresAt.getTime() <= now.getTime()
  return {
    id: summary.id,
    name: summary.name,
    scopes: summary.scopes,
    status: summary.revokedAt !== null ? 'revoked' : expired ? 'expired' : 'active',
    createdAt: summary.createdAt.toISOString(),
    revokedAt: summary.revokedAt?.toISOString() ?? null,
    expiresAt: summary.expiresAt?.toISOString() ?? null,
    rateLimit: summary.rateLimit,
    requireSignature: summary.requireSignature
  }
}

// API key administration over HTTP (issue 15): what `acai keys` does, reachable on any database, the
// embedded in-memory one included. Every change is audited.
export default async function keyRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.post('', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Create an API key',
      description: 'Answers the key (and, with `requireSignature`, its signing secret) this once: only a hash of the key is kept.',
      operationId: 'createApiKey',
      body: CreateKeyBodySchema,
      response: { 201: CreatedKeySchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) }
    }
  }, async (request, reply) => {
    const { name, scopes, expiresAt, rateLimit, requireSignature } = request.body
    let created
    try {
      created = await fastify.apiKeys.create({
        name,
        scopes,
        ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt) }),
        ...(rateLimit === undefined ? {} : { rateLimit }),
        ...(requireSignature === undefined ? {} : { requireSignature })
      })
    } catch (err) {
      if (err instanceof RangeError) throw new BadRequestError(err.message)
      throw err
    }
    await fastify.audit.record(request, { action: 'key.created', target: `key:${created.id}` })
    request.log.info({ keyId: created.id }, 'API key created')
    return reply.code(201).send({
      ...keyView(created.summary, new Date()),
      key: created.key,
      ...(created.signingSecret === undefined ? {} : { signingSecret: created.signingSecret })
    })
  })

  fastify.get('', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'List the API keys',
      description: 'Every key, oldest first, with its status; never a key, a hash or a signing secret.',
      operationId: 'listApiKeys',
      response: { 200: ApiKeyListSchema, ...errorResponses(401, 403, 429, 503) }
    }
  }, async () => {
    const now = new Date()
    return { items: (await fastify.apiKeys.list()).map((summary) => keyView(summary, now)) }
  })

  fastify.delete('/:id', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Revoke an API key',
      description: 'Refused from now on by this instance, by others within API_KEY_CACHE_TTL_MS. 404 for an unknown or already revoked key.',
      operationId: 'revokeApiKey',
      params: KeyParamsSchema,
      response: { 204: { type: 'null', description: 'Revoked' }, ...errorResponses(400, 401, 403, 404, 429, 503) }
    }
  }, async (request, reply) => {
    const { id } = request.params
    if (!await fastify.apiKeys.revoke(id)) throw new NotFoundError('Active API key')
    await fastify.audit.record(request, { action: 'key.revoked', target: `key:${id}` })
    request.log.info({ keyId: id }, 'API key revoked')
    return reply.code(204).send(null)
  })
}
