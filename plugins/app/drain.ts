// Shutdown (DESIGN.md 7.2): once close starts, a request that still reaches the app (on a kept-alive
// connection, before the listener is gone) gets 503 with Retry-After in the one error shape, and every
// response from then on closes its connection. In-flight requests and streams finish; no kept-alive
// socket holds the exit until its idle timeout.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ServiceUnavailableError } from '../../lib/errors/catalogue.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** True from the moment shutdown starts. */
    draining: () => boolean
  }
}

async function drain (fastify: FastifyInstance): Promise<void> {
  let draining = false
  fastify.decorate('draining', () => draining)

  fastify.addHook('preClose', (done) => {
    draining = true
    done()
  })

  fastify.addHook('onRequest', (_request, _reply, done) => {
    if (draining) done(new ServiceUnavailableError('This instance', 1))
    else done()
  })

  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close')
    done(null, payload)
  })

  // A stream whose headers went out before shutdown kept its connection alive; once it ends that
  // connection is idle and can go.
  fastify.addHook('onResponse', (_request, _reply, done) => {
    if (draining) setImmediate(() => fastify.server.closeIdleConnections())
    done()
  })
}

export default fp(drain, { name: 'drain', dependencies: ['error-handler'] })
