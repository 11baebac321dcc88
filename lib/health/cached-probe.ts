import { settle, type CheckState } from './checks.js'

// A dependency probe shared by every caller for `maxAgeMs`: /health and /ready answer from the last
// result instead of making a database or Redis round trip per request, so a busy load balancer or a
// scraper cannot turn probes into load. Concurrent callers share one probe in flight; a result is at most
// `maxAgeMs` old (0: every call probes).
export function cachedProbe (probe: () => Promise<CheckState>, maxAgeMs: number, now: () => number = Date.now): () => Promise<CheckState> {
  let last: { state: CheckState, at: number } | undefined
  let inFlight: Promise<CheckState> | undefined
  return () => {
    if (last !== undefined && now() - last.at < maxAgeMs) return Promise.resolve(last.state)
    inFlight ??= settle(probe).then((state) => {
      last = { state, at: now() }
      inFlight = undefined
      return state
    })
    return inFlight
  }
}
