import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiKeySecurity } from '../../../../schemas/common.js'
import { errorResponses } from '../../../../schemas/conversations.js'
import { AuditPageSchema, AuditQuerySchema } from '../../../../schemas/admin.js'
import { auditEntryView } from '../../../../lib/audit-log/view.js'

// The audit log (issue 15), newest first, filtered by action, actor and time, paged by sequence number.
// `acai audit verify` checks the hash chain; this route only reads.
export default async function auditRoutes (app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get('', {
    schema: {
      tags: ['admin'],
      security: ApiKeySecurity,
      summary: 'List audit log entries',
      description: 'Security events (keys created, revoked, expired; prompts published; conversations deleted; sessions reset; backups and restores; bursts of failed authentication), newest first.',
      operationId: 'listAuditEntries',
      querystring: AuditQuerySchema,
      response: { 200: AuditPageSchema, ...errorResponses(400, 401, 403, 429, 503) }
    }
  }, async (request) => {
    const { action, actor, since, until, before, limit } = request.query
    const page = await fastify.audit.log.list({
      limit,
      ...(action === undefined ? {} : { action }),
      ...(actor === undefined ? {} : { actor }),
      ...(since === undefined ? {} : { since: new Date(since) }),
      ...(until === undefined ? {} : { until: new Date(until) }),
      ...(before === undefined ? {} : { before })
    })
    return { items: page.items.map(auditEntryView), next: page.next }
  })
}
