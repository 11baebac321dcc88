import { Counter, register } from 'prom-client'

// Counters for refused requests, in prom-client's default registry (the one GET /metrics exposes).
// Looked up on every use rather than held: the metrics plugin may reset the registry when an app
// instance starts, and a held counter would then count into a registry nobody reads.
function counter (name: string, help: string, labelNames: readonly string[]): Counter {
  const existing = register.getSingleMetric(name)
  if (existing instanceof Counter) return existing
  return new Counter({ name, help, labelNames })
}

export type AuthFailureReason = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'scope'

export function countAuthFailure (reason: AuthFailureReason): void {
  counter('auth_failures_total', 'Requests refused by API-key authentication or authorization, by reason', ['reason']).inc({ reason })
}

export function countRateLimitRejection (limit: 'ip' | 'key'): void {
  counter('rate_limit_rejections_total', 'Requests refused with 429 by the rate limits, by limit', ['limit']).inc({ limit })
}
