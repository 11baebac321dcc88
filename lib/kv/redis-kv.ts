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
  /**
   * Recovery is reported once calls have succeeded for this long with no failure: while one cluster master
   * is down, calls to the others succeed in between, and the outage must not be reported once per call.
   */
  settleMs?: number
  now?: () => number
}

function isCluster (client: Redis | Cluster): client is Cluster {
  return client.isCluster
}

/** CLUSTER INFO of one node: every slot served, and no master suspected (pfail) or agreed (fail) down. */
export function clusterInfoHealthy (info: string): boolean {
  const field = (name: string): string | undefined => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1]
  return field('cluster_state') === 'ok' && field('cluster_slots_pfail') === '0' && field('cluster_slots_fail') === '0'
}

// A cluster is healthy when every master the client knows answers and none sees a master suspected or
// agreed down or a slot uncovered. A dead master, until its replica has taken over and the slot map is
// re-read, makes it unavailable, which /health reports as degraded: the other masters' keys still use Redis.
async function clusterHealth (cluster: Cluster): Promise<KvHealth> {
  const masters = cluster.nodes('master')
  if (masters.length === 0) return 'unavailable'
  const infos = await Promise.all(masters.map(async (node) => String(await node.cluster('INFO'))))
  return infos.every(clusterInfoHealthy) ? 'ok' : 'unavailable'
}

// Redis-backed store. Any Redis error switches that call to the in-process fallback; the outage and the
// recovery are reported once each, not once per request (nor once per call to a live cluster master).
export function createRedisKv ({ client, fallback, prefix = 'acai:', onOutage, onRecovery, settleMs = 2000, now = Date.now }: RedisKvOptions): KeyValueStore {
  let down = false
  let lastFailure = 0

  async function attempt<T> (op: () => Promise<T>, degraded: () => Promise<T>): Promise<T> {
    try {
      const result = await op()
      if (down && now() - lastFailure >= settleMs) {
        down = false
        onRecovery?.()
      }
      return result
    } catch (err) {
      lastFailure = now()
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
