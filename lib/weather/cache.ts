// The weather cache over the service's key-value store (Redis when configured, in process otherwise):
// JSON values under `<cache>:<sha256 of the normalized query>`. A store error or an unreadable value is a
// miss, never a failed question. Every lookup is reported as a hit or a miss (cache_requests_total).

import { createHash } from 'node:crypto'

export type WeatherCacheName = 'weather_geocoding' | 'weather_forecast'
export type CacheResult = 'hit' | 'miss'

/** The part of lib/kv's KeyValueStore the cache needs. */
export interface CacheStore {
  get: (key: string) => Promise<string | undefined>
  set: (key: string, value: string, ttlMs: number) => Promise<void>
}

export interface WeatherCache {
  read: <T>(cache: WeatherCacheName, query: readonly unknown[]) => Promise<T | undefined>
  write: (cache: WeatherCacheName, query: readonly unknown[], value: unknown, ttlMs: number) => Promise<void>
}

/** Bumped when the cached shapes change, so a new version never reads an old one's values. */
const CACHE_VERSION = 1

/** The same place however it was typed: Unicode-normalized, trimmed, single spaces, lower case. */
export function normalizeQuery (text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

export function cacheKey (cache: WeatherCacheName, query: readonly unknown[]): string {
  return `${cache}:${createHash('sha256').update(JSON.stringify([CACHE_VERSION, ...query])).digest('hex')}`
}

export function createWeatherCache (store: CacheStore, onLookup?: (cache: WeatherCacheName, result: CacheResult) => void): WeatherCache {
  return {
    async read<T> (cache: WeatherCacheName, query: readonly unknown[]): Promise<T | undefined> {
      const raw = await store.get(cacheKey(cache, query)).catch(() => undefined)
      let value: T | undefined
      if (raw !== undefined) {
        try {
          value = JSON.parse(raw) as T
        } catch {
          value = undefined
        }
      }
      onLookup?.(cache, value === undefined ? 'miss' : 'hit')
      return value
    },
    async write (cache, query, value, ttlMs) {
      await store.set(cacheKey(cache, query), JSON.stringify(value), ttlMs).catch(() => {})
    }
  }
}
