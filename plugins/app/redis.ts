// Decorates `fastify.kv`: the cache and counter store of lib/kv. With REDIS_URL it is Redis, registered
// through @fastify/redis (also `fastify.redis`); otherwise an in-process store. Redis being down at
// start-up or later never fails a request or the boot: the client keeps reconnecting in the background
// and every call degrades to the in-process store meanwhile (DESIGN.md 7.1).
import fp from 'fastify-plugin'
import fastifyRedis from '@fastify/redis'
import { Redis } from 'ioredis'
import type { FastifyInstance } from 'fastify'
import { createMemoryKv } from '../../lib/kv/memory-kv.js'
import { createRedisKv } from '../../lib/kv/redis-kv.js'
import type { KeyValueStore } from '../../lib/kv/types.js'
import { redactUri } from '../../lib/logging/redact.js'

declare module 'fastify' {
  interface FastifyInstance {
    kv: KeyValueStore
  }
}

function waitForReady (client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => { client.off('ready', onReady); resolve(false) }, timeoutMs)
    function onReady (): void { clearTimeout(timer); resolve(true) }
    client.once('ready', onReady)
  })
}

export function createRedisClient (url: string): Redis {
  return new Redis(url, {
    // Commands fail at once while disconnected instead of queueing behind a dead connection.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 2000,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000)
  })
}

async function redis (fastify: FastifyInstance): Promise<void> {
  const url = fastify.config.REDIS_URL
  if (url === undefined) {
    const kv = createMemoryKv()
    fastify.decorate('kv', kv)
    fastify.addHook('onClose', () => kv.close())
    return
  }

  const log = fastify.log.child({ component: 'redis', url: redactUri(url) })
  const client = createRedisClient(url)
  let lastError = ''
  client.on('error', (err: Error) => {
    // ioredis emits one error per reconnect attempt; log each distinct failure once.
    if (err.message !== lastError) log.warn({ err: err.message }, 'Redis error')
    lastError = err.message
  })
  client.on('ready', () => { lastError = '' })

  if (await waitForReady(client, fastify.config.REDIS_STARTUP_WAIT_MS)) {
    // closeClient stays false: its quit() rejects while Redis is down, which would fail fastify.close().
    await fastify.register(fastifyRedis, { client, closeClient: false })
  } else {
    log.error('Redis is unreachable at start-up: continuing degraded and reconnecting in the background')
    // @fastify/redis only accepts a client once it is ready; expose the same client under the same name.
    fastify.decorate('redis', client as FastifyInstance['redis'])
  }
  fastify.addHook('onClose', async () => {
    // A polite QUIT when Redis answers, a plain disconnect when it does not: shutdown never waits on Redis.
    await client.quit().catch(() => client.disconnect())
  })

  const kv = createRedisKv({
    client,
    fallback: createMemoryKv(),
    onOutage: (err) => log.error({ err: err.message }, 'Redis unavailable: degrading to the in-process store'),
    onRecovery: () => log.info('Redis available again')
  })
  fastify.decorate('kv', kv)
  fastify.addHook('onClose', () => kv.close())
}

export default fp(redis, { name: 'redis', dependencies: ['@fastify/env'] })
