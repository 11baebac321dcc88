// Decorates `fastify.mongo` (the client) through @fastify/mongodb, `fastify.db` (the app's database, always
// there, so no plugin checks for it) and `fastify.mongoMode`.
// Without MONGODB_URI it first starts the embedded MongoDB-compatible server in process, so the rest of
// the app runs the same driver code in both modes (plugins/app/embedded-defaults.ts says so in the log).
// The URI's password never reaches a log. The client is built here, not by @fastify/mongodb, so the pool
// gauge (mongodb_pool_connections) listens before the first connection opens.
import fp from 'fastify-plugin'
import fastifyMongo from '@fastify/mongodb'
import type { FastifyInstance } from 'fastify'
import { MongoClient, type Db } from 'mongodb'
import { resolveMongoTarget, type MongoTarget } from '../../lib/mongo/target.js'
import { redactUri } from '../../lib/logging/redact.js'
import { trackPoolConnections } from '../../lib/mongo/pool-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    mongoMode: MongoTarget['mode']
  }
}

export const HEARTBEAT_FREQUENCY_MS = 2000

async function mongodb (fastify: FastifyInstance): Promise<void> {
  const { config, log } = fastify
  const target = await resolveMongoTarget(config, {
    info: (msg) => log.info({ component: 'embedded-mongo' }, msg),
    warn: (msg) => log.warn({ component: 'embedded-mongo' }, msg),
    error: (msg) => log.error({ component: 'embedded-mongo' }, msg)
  })
  log.info({ uri: redactUri(target.uri), mode: target.mode }, 'connecting to MongoDB')

  // Registered after the target is up; the client's onClose, added next, runs before this one (embedded
  // server stop).
  fastify.addHook('onClose', () => target.close())
  const client = new MongoClient(target.uri, {
    // Fail fast while MongoDB is unreachable: requests answer 503 instead of hanging (DESIGN.md 7.1).
    serverSelectionTimeoutMS: config.MONGODB_TIMEOUT_MS,
    connectTimeoutMS: config.MONGODB_TIMEOUT_MS,
    // A server that accepts connections and never answers (a partition, a hung host): without a socket
    // timeout an operation on a pooled connection waits until the monitor notices, and a write to a dead
    // socket can wait for 'drain' for ever. The driver's timeoutMS (CSOT) is ignored by mongodb 7.
    socketTimeoutMS: config.MONGODB_SOCKET_TIMEOUT_MS,
    // The monitor notices a silent server within this plus MONGODB_TIMEOUT_MS, and clears the pool
    // (default 10 s).
    heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
    appName: 'acai-assistant'
  })
  trackPoolConnections(client, fastify.appMetrics.mongodbPoolConnections)
  await client.connect()
  fastify.addHook('onClose', () => client.close(true))
  await fastify.register(fastifyMongo, { client, database: config.MONGODB_DB })
  fastify.decorate('db', fastify.mongo.client.db(config.MONGODB_DB))
  fastify.decorate('mongoMode', target.mode)
}

export default fp(mongodb, { name: 'mongodb', dependencies: ['@fastify/env', 'metrics'] })
