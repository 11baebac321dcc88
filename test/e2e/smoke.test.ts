// `npm run smoke` (make smoke) against real servers: it passes against a server with the embedded
// defaults and the checklist's rate limits, and fails, naming the step, when a check cannot pass.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'tap'
import { resolveMongoTarget } from '../../lib/mongo/target.js'
import { createSmokeClient } from '../../lib/smoke/client.js'
import { checkIndexes } from '../../lib/smoke/indexes.js'
import { runSmoke } from '../../lib/smoke/run.js'
import { build, TEST_API_KEY } from '../helper.js'
import { startProcess } from '../support/server-process.js'

// The checklist's limits (10 requests per IP, 20 per key, per second), not the test suite's relaxed ones.
const CHECKLIST_LIMITS = { RATE_LIMIT_MAX: '10', RATE_LIMIT_KEY_MAX: '20' }
const ROOT = join(import.meta.dirname, '..', '..')

function npmSmoke (env: Record<string, string>): Promise<{ code: number, stdout: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'smoke'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout: stdout + stderr })
    })
  })
}

test('npm run smoke passes against a server with the embedded defaults', async (t) => {
  const server = await startProcess(t, ['server.ts'], CHECKLIST_LIMITS)
  const { code, stdout } = await npmSmoke({ BASE_URL: `http://127.0.0.1:${server.port}`, API_KEY: TEST_API_KEY })
  t.equal(code, 0, stdout)
  t.notMatch(stdout, '✗')
  t.match(stdout, /✓ GET \/health is healthy \(mongodb embedded, redis embedded\)/)
  t.match(stdout, /✓ POST \/v1\/conversations starts a conversation \("Time in Tokyo": In Tokyo/)
  t.match(stdout, /✓ GET \/v1\/conversations\/\{id\} returns its messages \(4 messages\)/)
  t.match(stdout, /✓ POST \/twirp\/acai\.chat\.ChatService\/StartConversation/)
  t.match(stdout, /✓ 15 quick GET \/health requests meet the per-IP rate limit \(\d+ of 15 answered 429/)
  t.match(stdout, 'All 11 checks passed')
})

test('the smoke run checks indexes through MONGODB_URI and fails on a wrong key', async (t) => {
  const mongo = await resolveMongoTarget({})
  t.teardown(() => mongo.close())
  const app = await build(t, { ...CHECKLIST_LIMITS, MONGODB_URI: mongo.uri, MONGODB_DB: 'smoke' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`

  const lines: string[] = []
  const passed = await runSmoke({ request: createSmokeClient({ baseUrl }), apiKey: TEST_API_KEY, checkIndexes: () => checkIndexes(mongo.uri, 'smoke') }, (line) => lines.push(line))
  t.equal(passed, 0, lines.join('\n'))
  t.match(lines.join('\n'), /✓ database migrations applied and indexes present \(\d+ migrations, \d+ indexes\)/)

  // Right after the burst the window is spent: the client waits Retry-After out instead of failing.
  const waits: number[] = []
  const patient = createSmokeClient({ baseUrl, sleep: async (ms) => { waits.push(ms); await new Promise((resolve) => setTimeout(resolve, ms)) } })
  await Promise.all(Array.from({ length: 12 }, () => patient('/health', { retryRateLimited: false })))
  t.equal((await patient('/health')).status, 200)
  t.ok(waits.length > 0 && waits.every((ms) => ms >= 1000 && ms <= 10_000), `waited ${waits.join(', ')} ms`)

  const wrong: string[] = []
  const failed = await runSmoke({ request: createSmokeClient({ baseUrl }), apiKey: 'not-the-key-0123456789', checkIndexes: () => checkIndexes(mongo.uri, 'absent') }, (line) => wrong.push(line))
  t.equal(failed, 1)
  const output = wrong.join('\n')
  t.match(output, /✓ GET \/health is healthy/)
  t.match(output, /✗ GET \/metrics with the key serves http_requests_total: \/metrics with the key: expected 200, got 401/)
  t.match(output, /✗ GET \/v1\/conversations\/\{id\} returns its messages: no conversation: the start step failed/)
  t.match(output, /✗ database migrations applied and indexes present: pending migrations: 001-initial-indexes/)
  t.match(output, /checks failed$/)

  const unset: string[] = []
  t.equal(await runSmoke({ request: createSmokeClient({ baseUrl }), apiKey: undefined }, (line) => unset.push(line)), 1)
  t.match(unset.join('\n'), /✗ POST \/v1\/conversations starts a conversation: API_KEY is not set/)
  t.match(unset.join('\n'), /✓ database migrations applied and indexes present \(skipped: set MONGODB_URI/)
})
