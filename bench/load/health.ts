// `npm run load:health` (`make load`): the checklist's load test (its vegeta run) with autocannon:
// GET BASE_URL/health at a fixed 50 requests/s for 30 s, printing the success rate and p99 latency, and
// failing below 99% success or above 100 ms p99. Options: --rate N, --duration SECONDS.
//
// All requests come from this one address. At the default per-IP limit (RATE_LIMIT_MAX=10 per second) a
// run at 50/s measures the rate limiter, not the service: put this machine's address in the server's
// RATE_LIMIT_ALLOWLIST for the run (429s are reported separately, with that advice).
import autocannon from 'autocannon'
import { parseArgs } from 'node:util'

const MIN_SUCCESS = 0.99
const MAX_P99_MS = 100

const { values } = parseArgs({ options: { rate: { type: 'string', default: '50' }, duration: { type: 'string', default: '30' } } })
const rate = Number(values.rate)
const duration = Number(values.duration)
const baseUrl = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/+$/, '')

process.stdout.write(`GET ${baseUrl}/health at ${rate} req/s for ${duration} s\n`)
const result = await autocannon({
  url: `${baseUrl}/health`,
  overallRate: rate,
  // Enough connections that a slow answer does not hold back the fixed rate.
  connections: Math.max(2, Math.ceil(rate / 10)),
  duration
})

// Every request that ended, answered or not; requests still in flight when the run stops are not counted.
const ok = result['2xx']
const sent = ok + result.non2xx + result.errors + result.timeouts
const success = sent === 0 ? 0 : ok / sent
const p99 = result.latency.p99
const limited = result.statusCodeStats?.['429']?.count ?? 0
process.stdout.write([
  `requests     ${sent} (${ok} 2xx, ${result.non2xx} other status, ${result.errors} errors, ${result.timeouts} timeouts)`,
  `success      ${(success * 100).toFixed(2)}% (at least ${MIN_SUCCESS * 100}%)`,
  `latency p99  ${p99} ms (at most ${MAX_P99_MS} ms); p50 ${result.latency.p50} ms, max ${result.latency.max} ms`
].join('\n') + '\n')
if (limited > 0) {
  process.stdout.write(`${limited} answers were 429: the server's per-IP rate limit is below ${rate}/s for this client; ` +
    'add this address to RATE_LIMIT_ALLOWLIST (or raise RATE_LIMIT_MAX) for the load test\n')
}
const passed = success >= MIN_SUCCESS && p99 <= MAX_P99_MS && sent > 0
process.stdout.write(passed ? '✓ load test passed\n' : '✗ load test failed\n')
process.exitCode = passed ? 0 : 1
