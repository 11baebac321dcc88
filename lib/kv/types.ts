// The small interface the service needs from Redis: a cache with TTL and expiring counters. Implemented
// over Redis when configured and in process otherwise, so callers never know which one they have.
export type KvHealth = 'ok' | 'embedded' | 'unavailable'

export interface CounterState { count: number, ttlMs: number }

export interface KeyValueStore {
  readonly mode: 'redis' | 'embedded'
  get (key: string): Promise<string | undefined>
  set (key: string, value: string, ttlMs: number): Promise<void>
  del (key: string): Promise<void>
  /** Adds one to a counter; the first increment starts its expiry of `ttlMs`. */
  incr (key: string, ttlMs: number): Promise<CounterState>
  health (): Promise<KvHealth>
  close (): Promise<void>
}
