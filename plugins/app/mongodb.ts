// Decorates `fastify.mongo` (the client) through @fastify/mongodb, `fastify.db` (the app's database, always
// there, so no plugin checks for it) and `fastify.mongoMode`.
// Without MONGODB_URI it first starts the embedded MongoDB-compatible server in process, so the rest of
// the app runs the same driver code in both modes (plugins/app/embedded-defaults.ts says so in the log).
// The URI's password never reaches a log.
import fp from 'fastify-plugin'
import fastifyMongo from '@fastify/mongodb'
import type { FastifyInstance } from 'fastify'
import type { Db } from 'mongodb'
import { resolveMongoTarget, type MongoTarget } from '../../lib/mongo/target.js'
import { redactUri } from '../../lib/logging/redact.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    mongoMode: MongoTarget['mode']
  }
}

async function mongodb (fastify: FastifyInstance): Promise<void> {
  const { config, log } = fastify
  const target = await resolveMongoTarget(config, {
    info: (msg) => log.info({ component: 'embedded-mongo' }, msg),
    warn: (msg) => log.warn({ component: 'embedded-mongo' }, msg),
    error: (msg) => log.error({ component: 'embedded-mongo' }, msg)
  })
  log.info({ uri: redactUri(target.uri), mode: target.mode }, 'connecting to MongoDB')

  // Registered after the target is up; its onClose (client.close) runs before ours (embedded server stop).
  fastify.addHook('onClose', () => target.close())
  await fastify.register(fastifyMongo, {
    url: target.uri,
    database: config.MONGODB_DB,
    forceClose: true,
    // Fail fast while MongoDB is unreachable: requests answer 503 instead of hanging (DESIGN.md 7.1).
    serverSelectionTimeoutMS: config.MONGODB_TIMEOUT_MS,
    connectTimeoutMS: config.MONGODB_TIMEOUT_MS,
    appName: 'acai-assistant'
  })
  fastify.decorate('db', fastify.mongo.client.db(config.MONGODB_DB))
  fastify.decorate('mongoMode', target.mode)
}

export default fp(mongodb, { name: 'mongodb', dependencies: ['@fastify/env'] })
