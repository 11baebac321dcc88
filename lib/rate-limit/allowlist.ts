import { isIP } from 'node:net'
import { splitList } from '../config/list.js'

export interface Allowlist {
  /** Valid entries, passed through `normalize` (the limiter's own IP normalization). */
  addresses: Set<string>
  /** Entries that are not IP addresses; the app refuses to start with any (plugins/app/rate-limit.ts). */
  invalid: string[]
}

// RATE_LIMIT_ALLOWLIST: comma-separated client addresses that are never rate limited (monitoring, the
// load balancer's health checks). Compared with the normalized client IP, never with a port.
export function parseAllowlist (value: string, normalize: (ip: string) => string = (ip) => ip): Allowlist {
  const entries = splitList(value).map((s) => s.toLowerCase())
  return {
    addresses: new Set(entries.filter((entry) => isIP(entry) !== 0).map(normalize)),
    invalid: entries.filter((entry) => isIP(entry) === 0)
  }
}
