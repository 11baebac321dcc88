import type { Cluster, Redis } from 'ioredis'
import type { CounterState, KeyValueStore, KvHealth } from './types.js'

export interface RedisKvOptions {
  /** One Redis, or a Redis Cluster: every operation below touches one key, so any slot layout serves it. */
  client: Redis | Cluster
  /** Used while Redis is unreachable: the service degrades instead of failing (DESIGN.md 7.1). */
  fallback: KeyValueStore
  prefix?: string
  onOutage?: (err: Error) => void
  onRecovery?: () => void
}

function isCluster (client: Redis | Cluster): client is Cluster {
  return client.isCluster
}

// A cluster is healthy when every master the client knows answers and reports cluster_state:ok. A dead
// master (before its replica takes over and the slot map is re-read) or uncovered slots make it
// unavailable, which /health reports as degraded: calls to the other masters' keys still use Redis.
async function clusterHealth (cluster: Cluster): Promise<KvHealth> {
  const masters = cluster.nodes('master')
  if (masters.length === 0) return 'unavailable'
  const states = await Promise.all(masters.map((node) => node.cluster('INFO')))
  return states.every((info) => /^cluster_state:ok\r?$/m.test(String(info))) ? 'ok' : 'unavailable'
}

// Redis-backed store. Any Redis error switches that call to the in-process fallback; the outage and the
// recovery are reported once each, not once per request.
export function createRedisKv ({ client, fallback, prefix = 'acai:', onOutage, onRecovery }: RedisKvOptions): KeyValueStore {
  let down = false

  async function attempt<T> (op: () => Promise<T>, degraded: () => Promise<T>): Promise<T> {
    try {
      const result = await op()
      if (down) {
        down = false
        onRecovery?.()
      }
      return result
    } catch (err) {
      if (!down) {
        down = true
        onOutage?.(err as Error)
      }
      return degraded()
    }
  }

  return {
    mode: 'redis',
    get: (key) => attempt(async () => (await client.get(prefix + key)) ?? undefined, () => fallback.get(key)),
    set: (key, value, ttlMs) => attempt(async () => { await client.set(prefix + key, value, 'PX', ttlMs) }, () => fallback.set(key, value, ttlMs)),
    del: (key) => attempt(async () => { await client.del(prefix + key) }, () => fallback.del(key)),
    incr: (key, ttlMs) => attempt(async (): Promise<CounterState> => {
      // One round trip: increment, start the expiry only on the first hit, read what is left of it. The
      // transaction names one key, so it always lands on one cluster slot.
      const results = await client.multi().incr(prefix + key).pexpire(prefix + key, ttlMs, 'NX').pttl(prefix + key).exec()
      if (results === null) throw new Error('Redis transaction aborted')
      for (const [err] of results) if (err !== null) throw err
      return { count: Number(results[0]?.[1]), ttlMs: Number(results[2]?.[1]) }
    }, () => fallback.incr(key, ttlMs)),
    async health () {
      try {
        if (isCluster(client)) return await clusterHealth(client)
        await client.ping()
        return 'ok'
      } catch {
        return 'unavailable'
      }
    },
    async close () { await fallback.close() }
  }
}
