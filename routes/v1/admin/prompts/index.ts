import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { PromptDoc } from '../../../../lib/conversations/index.js'
import { ApiKeySecurity } from '../../../../schemas/common.js'
import { errorResponses } from '../../../../schemas/conversations.js'
import { PromptListQuerySchema, PromptListSchema, PromptParamsSchema, PromptSchema, PutPromptBodySchema, type Prompt } from '../../../../schemas/admin.js'

const TAGS = ['admin']

function promptView (doc: PromptDoc): Prompt {
  const view: Prompt = { platform: doc.platform, version: doc.version, text: doc.text, active: doc.active }
  if (doc.createdAt instanceof Date) view.createdAt = doc.createdAt.toISOString()
  return view
}

// System prompts per platform: list the versions, publish a new one. The next reply on this instance uses
// it; other instances within their prompt cache time (a minute).
export default async function promptRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get('', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'List the system prompts',
      description: 'Every version of every platform\'s system prompt (or of one platform), newest first. `default` applies to platforms without their own.',
      operationId: 'listPrompts',
      querystring: PromptListQuerySchema,
      response: { 200: PromptListSchema, ...errorResponses(400, 401, 403, 429, 503) }
    }
  }, async (request) => {
    const docs = await fastify.prompts.list(request.query.platform)
    return { items: docs.map(promptView) }
  })

  fastify.put('/:platform', {
    schema: {
      tags: TAGS,
      security: ApiKeySecurity,
      summary: 'Publish a new system prompt version',
      description: 'Adds the platform\'s next version as the active one; earlier versions stay listed, inactive.',
      operationId: 'putPrompt',
      params: PromptParamsSchema,
      body: PutPromptBodySchema,
      response: { 200: PromptSchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) }
    }
  }, async (request) => {
    const text = request.body.text.trim()
    const doc = await fastify.prompts.publish(request.params.platform, text)
    request.log.info({ platform: doc.platform, version: doc.version }, 'system prompt published')
    await fastify.audit.record(request, { action: 'prompt.published', target: `prompt:${doc.platform}@${doc.version}` })
    return promptView(doc)
  })
}
