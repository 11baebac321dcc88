// Decorates `fastify.kv`: the cache and counter store of lib/kv. With REDIS_URL it is one Redis, registered
// through @fastify/redis (also `fastify.redis`); with REDIS_CLUSTER_NODES a Redis Cluster (ioredis' Cluster
// client; `fastify.redis` is then not decorated); otherwise an in-process store. Redis being down at
// start-up or later never fails a request or the boot: the client keeps reconnecting in the background
// and every call degrades to the in-process store meanwhile (DESIGN.md 7.1).
import fp from 'fastify-plugin'
import fastifyRedis from '@fastify/redis'
import type { Cluster, Redis } from 'ioredis'
import type { FastifyInstance } from 'fastify'
import { createMemoryKv } from '../../lib/kv/memory-kv.js'
import { createRedisKv } from '../../lib/kv/redis-kv.js'
import { createClusterClient, createRedisClient, parseClusterNodes } from '../../lib/kv/redis-clients.js'
import type { KeyValueStore } from '../../lib/kv/types.js'
import { redactUri } from '../../lib/logging/redact.js'

export { createRedisClient } from '../../lib/kv/redis-clients.js'

declare module 'fastify' {
  interface FastifyInstance {
    kv: KeyValueStore
  }
}

function waitForReady (client: Redis | Cluster, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => { client.off('ready', onReady); resolve(false) }, timeoutMs)
    function onReady (): void { clearTimeout(timer); resolve(true) }
    client.once('ready', onReady)
  })
}

function connect (fastify: FastifyInstance): { client: Redis, target: string } | { cluster: Cluster, target: string } | undefined {
  const { REDIS_URL: url, REDIS_CLUSTER_NODES: nodes } = fastify.config
  if (url !== undefined && nodes !== undefined) {
    throw new Error('REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a Redis Cluster, not both')
  }
  if (url !== undefined) return { client: createRedisClient(url), target: redactUri(url) }
  if (nodes !== undefined) {
    const seeds = parseClusterNodes(nodes)
    return { cluster: createClusterClient(seeds), target: seeds.map((seed) => `${seed.host}:${seed.port}`).join(',') }
  }
  return undefined
}

async function redis (fastify: FastifyInstance): Promise<void> {
  const connection = connect(fastify)
  if (connection === undefined) {
    const kv = createMemoryKv()
    fastify.decorate('kv', kv)
    fastify.addHook('onClose', () => kv.close())
    return
  }

  const client = 'cluster' in connection ? connection.cluster : connection.client
  const log = fastify.log.child({ component: 'redis', [client.isCluster ? 'nodes' : 'url']: connection.target })
  let lastError = ''
  client.on('error', (err: Error) => {
    // ioredis emits one error per reconnect attempt; log each distinct failure once.
    if (err.message !== lastError) log.warn({ err: err.message }, 'Redis error')
    lastError = err.message
  })
  client.on('ready', () => { lastError = '' })

  const ready = await waitForReady(client, fastify.config.REDIS_STARTUP_WAIT_MS)
  if (!ready) log.error('Redis is unreachable at start-up: continuing degraded and reconnecting in the background')
  if ('client' in connection) {
    // closeClient stays false: its quit() rejects while Redis is down, which would fail fastify.close().
    // @fastify/redis only accepts a client once it is ready; otherwise the same client under the same name.
    if (ready) await fastify.register(fastifyRedis, { client: connection.client, closeClient: false })
    else fastify.decorate('redis', connection.client as FastifyInstance['redis'])
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
