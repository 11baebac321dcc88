import { settle, type CheckState } from './checks.js'

// A dependency probe shared by every caller for `maxAgeMs`: /health and /ready answer from the last
// result instead of making a database or Redis round trip per request, so a busy load balancer or a
// scraper cannot turn probes into load. The first caller after `maxAgeMs` starts a probe and waits for
// it; callers that arrive while it runs get the previous result at once instead of queueing behind the
// round trip (under load every probe's wait showed as a latency spike once per interval). A result is at
// most `maxAgeMs` plus one probe (bounded by its timeout) old; 0: every call probes.
export function cachedProbe (probe: () => Promise<CheckState>, maxAgeMs: number, now: () => number = Date.now): () => Promise<CheckState> {
  let last: { state: CheckState, at: number } | undefined
  let inFlight: Promise<CheckState> | undefined
  return () => {
    if (last !== undefined && (now() - last.at < maxAgeMs || (inFlight !== undefined && maxAgeMs > 0))) return Promise.resolve(last.state)
    inFlight ??= settle(probe).then((state) => {
      last = { state, at: now() }
      inFlight = undefined
      return state
    })
    return inFlight
  }
}
