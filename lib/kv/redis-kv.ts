import type { Redis } from 'ioredis'
import type { CounterState, KeyValueStore } from './types.js'

export interface RedisKvOptions {
  client: Redis
  /** Used while Redis is unreachable: the service degrades instead of failing (DESIGN.md 7.1). */
  fallback: KeyValueStore
  prefix?: string
  onOutage?: (err: Error) => void
  onRecovery?: () => void
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
      // One round trip: increment, start the expiry only on the first hit, read what is left of it.
      const results = await client.multi().incr(prefix + key).pexpire(prefix + key, ttlMs, 'NX').pttl(prefix + key).exec()
      if (results === null) throw new Error('Redis transaction aborted')
      for (const [err] of results) if (err !== null) throw err
      return { count: Number(results[0]?.[1]), ttlMs: Number(results[2]?.[1]) }
    }, () => fallback.incr(key, ttlMs)),
    async health () {
      try {
        await client.ping()
        return 'ok'
      } catch {
        return 'unavailable'
      }
    },
    async close () { await fallback.close() }
  }
}
