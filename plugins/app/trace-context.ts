// Tells the client which trace its request belongs to: a `traceparent` response header (W3C trace
// context) on every traced request, so a report of a slow or failed call leads straight to its trace and
// its log lines (which carry the same traceId). Untraced requests (probes, docs, tracing off) get none.
import fp from 'fastify-plugin'
import { context, propagation, trace } from '@opentelemetry/api'
import type { FastifyInstance } from 'fastify'
import { traceFieldsOf } from '../../lib/telemetry/trace-fields.js'

async function traceContext (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', (_request, reply, done) => {
    const span = trace.getActiveSpan()
    if (traceFieldsOf(span) !== undefined) {
      const carrier: Record<string, string> = {}
      propagation.inject(context.active(), carrier)
      if (carrier.traceparent !== undefined) reply.header('traceparent', carrier.traceparent)
    }
    done()
  })
}

export default fp(traceContext, { name: 'trace-context' })
