// Each smoke step against a fake server answer: what a broken server makes each step report.
import { test } from 'tap'
import { SMOKE_STEPS, type SmokeContext } from '../../../lib/smoke/checks.js'
import { retryAfterMs, type SmokeClient, type SmokeResponse } from '../../../lib/smoke/client.js'
import { runSmoke } from '../../../lib/smoke/run.js'

function answer (status: number, body: unknown, headers: Record<string, string> = {}): SmokeResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return { status, headers: new Headers(headers), text, json: () => JSON.parse(text) }
}

// Every request gets the same answer.
const always = (response: SmokeResponse): SmokeClient => async () => response

async function failure (name: string, request: SmokeClient, state: SmokeContext['state'] = { conversationId: 'c1' }): Promise<string> {
  const step = SMOKE_STEPS.find((s) => s.name.startsWith(name))
  if (step === undefined) throw new Error(`no step ${name}`)
  return step.run({ request, apiKey: 'k'.repeat(20), state }).then(() => 'passed', (err: Error) => err.message)
}

test('each step names what it saw when the server answers wrongly', async (t) => {
  t.match(await failure('GET /health', always(answer(200, { status: 'degraded', checks: { mongodb: 'ok', redis: 'unavailable' } }))), '/health answered {"status":"degraded"')
  t.match(await failure('GET /health', always(answer(503, 'down'))), '/health: expected 200, got 503 down')
  t.match(await failure('GET /metrics with the key', always(answer(200, '# no samples'))), 'no http_requests_total sample')
  t.match(await failure('POST /v1/conversations starts', always(answer(201, { reply: {} }))), 'no conversation id')
  t.match(await failure('POST /v1/conversations starts', always(answer(201, { conversation: { id: 'c1' }, reply: { role: 'user', content: 'x' } }))), 'no assistant reply')
  t.match(await failure('GET /v1/conversations lists', always(answer(200, { items: [{ id: 'other' }] }))), 'conversation c1 is not among the 1 listed')
  t.match(await failure('GET /v1/conversations lists', always(answer(200, {}))), 'is not among the 0 listed')
  t.match(await failure('GET /v1/conversations/{id}', always(answer(200, { messages: [{ role: 'user' }] }))), 'expected two turns, got roles [user]')
  t.match(await failure('GET /v1/conversations/{id}', always(answer(200, {}))), 'got roles []')
  t.match(await failure('POST /twirp', always(answer(200, { conversation_id: 'c2' }))), 'unexpected Twirp answer')
  t.match(await failure('15 quick', always(answer(200, {}))), 'no 429 among 15 requests (statuses 200)')
  t.match(await failure('15 quick', always(answer(429, {}))), 'a 429 without Retry-After')
  t.equal(await failure('15 quick', always(answer(429, {}, { 'retry-after': '1' }))), 'passed')
})

test('a long reply is shortened in the step line', async (t) => {
  const lines: string[] = []
  const long = 'x'.repeat(100)
  const startOnly = SMOKE_STEPS.filter((s) => s.name.startsWith('POST /v1/conversations starts'))
  await runSmoke({ request: always(answer(201, { conversation: { id: 'c1' }, reply: { role: 'assistant', content: long } })), apiKey: 'k'.repeat(20) }, (line) => lines.push(line), startOnly)
  t.match(lines[0], /\("": x{57}\.\.\.\)$/)
  t.equal(lines[1], 'All 1 checks passed')
})

test('a database check that throws fails its step', async (t) => {
  const lines: string[] = []
  const indexStep = SMOKE_STEPS.filter((s) => s.name.startsWith('database'))
  t.equal(await runSmoke({ request: always(answer(200, {})), apiKey: undefined, checkIndexes: async () => { throw new Error('connection refused') } }, (line) => lines.push(line), indexStep), 1)
  t.same(lines, ['✗ database migrations applied and indexes present: connection refused', '1 of 1 checks failed'])
})

test('Retry-After is honoured within 1 to 10 seconds', async (t) => {
  t.equal(retryAfterMs('3'), 3000)
  t.equal(retryAfterMs(null), 1000)
  t.equal(retryAfterMs('0'), 1000)
  t.equal(retryAfterMs('3600'), 10_000)
  t.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT'), 1000)
})
