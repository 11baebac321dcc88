import type { CounterState, KeyValueStore } from './types.js'

interface Entry { value: string, expiresAt: number }

export interface MemoryKvOptions { maxEntries?: number, now?: () => number }

// In-process replacement for Redis: an LRU (Map keeps insertion order; a read re-inserts) with per-entry
// expiry. Bounded, so a flood of distinct keys cannot grow the heap without limit.
export function createMemoryKv ({ maxEntries = 50_000, now = Date.now }: MemoryKvOptions = {}): KeyValueStore {
  const entries = new Map<string, Entry>()

  function live (key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    entries.delete(key)
    entries.set(key, entry)
    return entry
  }

  function store (key: string, entry: Entry): void {
    entries.delete(key)
    entries.set(key, entry)
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest !== undefined) entries.delete(oldest)
    }
  }

  return {
    mode: 'embedded',
    async get (key) { return live(key)?.value },
    async set (key, value, ttlMs) { store(key, { value, expiresAt: now() + ttlMs }) },
    async del (key) { entries.delete(key) },
    async incr (key, ttlMs): Promise<CounterState> {
      const entry = live(key)
      const count = entry === undefined ? 1 : Number(entry.value) + 1
      const expiresAt = entry?.expiresAt ?? now() + ttlMs
      store(key, { value: String(count), expiresAt })
      return { count, ttlMs: expiresAt - now() }
    },
    async health () { return 'embedded' },
    async close () { entries.clear() }
  }
}
