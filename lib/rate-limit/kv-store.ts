import type { KeyValueStore } from '../kv/types.js'

type IncrCallback = (error: Error | null, result?: { current: number, ttl: number }) => void

/** The store contract of @fastify/rate-limit, restated here so lib/ stays free of Fastify. */
export interface RateLimitStore {
  incr (key: string, callback: IncrCallback, timeWindow: number, max: number): void
  child (options: object): RateLimitStore
}

export interface KvRateLimitStoreOptions {
  /**
   * The shared counter store (Redis when configured), looked up per call: it may be decorated after the
   * rate limiter is registered. Undefined means "not there": the local store counts.
   */
  shared: () => KeyValueStore | undefined
  /** Counts when the shared store is absent or fails; never skipped. */
  local: KeyValueStore
  prefix?: string
  onFallback?: (err: Error) => void
}

function routeSuffix (options: object): string {
  // The limiter passes its merged parameters, with `routeInfo` for per-route limits; keys of a route
  // with its own limit must not share the global counter.
  const routeInfo: unknown = Reflect.get(options, 'routeInfo')
  if (typeof routeInfo !== 'object' || routeInfo === null) return ''
  const url: unknown = Reflect.get(routeInfo, 'url')
  const method: unknown = Reflect.get(routeInfo, 'method')
  return typeof url === 'string' ? `${String(method)}${url}:` : ''
}

// A @fastify/rate-limit store over the KeyValueStore counters: fixed windows, atomic in Redis, so every
// instance sharing that Redis shares the allowance. A failing shared store never fails the request and
// never turns limiting off: that call is counted in process instead (DESIGN.md 7.1).
export function kvRateLimitStore ({ shared, local, prefix = 'rl:', onFallback }: KvRateLimitStoreOptions): RateLimitStore {
  async function count (key: string, timeWindow: number): Promise<{ current: number, ttl: number }> {
    const store = shared()
    let state
    try {
      state = await (store ?? local).incr(prefix + key, timeWindow)
    } catch (err) {
      if (store === undefined) throw err
      onFallback?.(err instanceof Error ? err : new Error(String(err)))
      state = await local.incr(prefix + key, timeWindow)
    }
    const ttl = state.ttlMs > 0 ? state.ttlMs : timeWindow
    return { current: state.count, ttl }
  }

  return {
    incr (key, callback, timeWindow) {
      count(key, timeWindow).then((result) => callback(null, result), (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))))
    },
    child (options) {
      return kvRateLimitStore({ shared, local, prefix: prefix + routeSuffix(options), onFallback })
    }
  }
}

// @fastify/rate-limit constructs its store itself (`new Store(params)`); this gives it one bound to
// these options.
export function kvRateLimitStoreClass (options: KvRateLimitStoreOptions): new () => RateLimitStore {
  return class KvRateLimitStore implements RateLimitStore {
    readonly #store = kvRateLimitStore(options)
    incr (key: string, callback: IncrCallback, timeWindow: number, max: number): void {
      this.#store.incr(key, callback, timeWindow, max)
    }

    child (childOptions: object): RateLimitStore {
      return this.#store.child(childOptions)
    }
  }
}
