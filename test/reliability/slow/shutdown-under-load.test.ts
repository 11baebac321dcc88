// SIGTERM under load (DESIGN.md 7.2, issue 12), beyond test/e2e/shutdown.test.ts's single request: with 50
// requests in flight, 10 of them streaming, every one completes with its full reply, /ready and new
// connections are refused or answered 503 at once, and the process exits 0 within SHUTDOWN_TIMEOUT_MS. A
// stream that never ends cannot hold the exit: a second SIGTERM, or the deadline, forces exit 1.
import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { TEST_API_KEY } from '../../helper.js'
import { startProcess } from '../../support/server-process.js'
import { answers, startFakeLlm } from '../../support/fake-llm.js'
import { call, eventually, stream, type Answer, type StreamAnswer } from '../../support/fault-deps.js'
import { recordReliability } from '../../support/reliability-report.js'

const SUITE = 'shutdown-under-load'
const auth = { 'x-api-key': TEST_API_KEY }
const SHUTDOWN_TIMEOUT_MS = 8000
const IN_FLIGHT = 50
const STREAMING = 10
const STREAMED_REPLY = 'A streamed reply that is still being written when the signal arrives, and must arrive whole.'

/** A refusal of a request made after the signal: no connection, or 503. */
function refused (answer: Answer): boolean {
  return answer.error === 'ECONNREFUSED' || answer.error === 'ECONNRESET' || answer.status === 503
}

test('SIGTERM with 50 requests in flight, 10 streaming', async (t) => {
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  fake.responder = (body) => {
    const last = String(body.messages.at(-1)?.content ?? '')
    if (last.startsWith('stream')) return { kind: 'reply', text: STREAMED_REPLY, chunkDelayMs: 250 }
    return { kind: 'reply', text: `Full reply to ${last}.`, delayMs: 3000 }
  }
  const server = await startProcess(t, ['server.ts'], {
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'sk-reliability'
  })
  const { port } = server
  const conversations: string[] = []
  for (let i = 0; i < 5; i++) {
    const created = await call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: `conversation ${i}` } })
    conversations.push(String(JSON.parse(created.body).conversation.id))
  }
  const before = fake.calls.length

  let signalled = false
  let finishedBeforeSignal = 0
  const inFlight = <T>(request: Promise<T>): Promise<T> => request.then((answer) => {
    if (!signalled) finishedBeforeSignal++
    return answer
  })
  const json: Array<Promise<Answer>> = []
  const streams: Array<Promise<StreamAnswer>> = []
  for (let i = 0; i < IN_FLIGHT; i++) {
    const path = `/v1/conversations/${conversations[i % conversations.length]}/messages`
    if (i < STREAMING) streams.push(inFlight(stream(port, path, { headers: auth, body: { message: `stream ${i}` }, timeoutMs: 30_000 })))
    else json.push(inFlight(call(port, path, { method: 'POST', headers: auth, body: { message: `turn ${i}` }, timeoutMs: 30_000 })))
  }
  t.ok(await eventually(() => fake.calls.length - before >= IN_FLIGHT, 20_000, 20), `all ${IN_FLIGHT} requests reached the model before the signal`)

  const signalledAt = Date.now()
  signalled = true
  server.signal('SIGTERM')
  t.equal(finishedBeforeSignal, 0, `all ${IN_FLIGHT} were still in flight when the signal came`)
  await sleep(100)
  const [ready, fresh] = await Promise.all([
    call(port, '/ready', { timeoutMs: 2000 }),
    call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: 'too late' }, timeoutMs: 2000 })
  ])
  t.ok(refused(ready), `/ready right after SIGTERM: ${ready.error ?? ready.status}`)
  t.ok(refused(fresh), `a new request right after SIGTERM: ${fresh.error ?? fresh.status}`)
  t.ok(server.running(), 'still draining')

  const jsonAnswers = await Promise.all(json)
  const streamAnswers = await Promise.all(streams)
  const incompleteJson = jsonAnswers.filter((a) => {
    if (a.status !== 201) return true
    const body = JSON.parse(a.body)
    return body.reply.content !== `Full reply to ${body.message.content}.`
  })
  const incompleteStreams = streamAnswers.filter((s) => {
    const done = s.events.at(-1)
    const text = s.events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join('')
    return s.status !== 200 || done?.event !== 'done' || text !== STREAMED_REPLY || (done.data as { reply: { content: string } }).reply.content !== STREAMED_REPLY
  })
  t.same(incompleteJson.map((a) => `${a.status} ${a.error ?? a.body.slice(0, 100)}`), [], `all ${json.length} JSON turns answered 201 with their full reply`)
  t.same(incompleteStreams.map((s) => `${s.status} ${s.last} ${s.error ?? ''}`), [], `all ${streams.length} streams delivered every delta and their done event`)

  const { code, at } = await server.exited
  t.equal(code, 0, 'exit code 0')
  t.ok(at - signalledAt < SHUTDOWN_TIMEOUT_MS, `exited ${at - signalledAt} ms after SIGTERM, within SHUTDOWN_TIMEOUT_MS (${SHUTDOWN_TIMEOUT_MS} ms)`)
  t.notMatch(server.logs(), /killed by timeout/)

  await recordReliability({
    suite: SUITE,
    scenario: `SIGTERM with ${IN_FLIGHT} requests in flight, ${STREAMING} streaming`,
    requests: IN_FLIGHT + 2,
    faults: 1,
    failures: incompleteJson.length + incompleteStreams.length + (code === 0 ? 0 : 1),
    lost: 0,
    duplicates: 0,
    unexpected5xx: jsonAnswers.filter((a) => a.status >= 500).length + streamAnswers.filter((s) => s.status >= 500).length,
    hung: jsonAnswers.filter((a) => a.hung).length + streamAnswers.filter((s) => s.hung).length,
    bypasses: 0,
    notes: `every reply complete; /ready and a new request after the signal: ${ready.error ?? ready.status}, ${fresh.error ?? fresh.status}; exit 0 after ${at - signalledAt} ms`
  })
})

test('a stream that never ends cannot hold the exit', async (t) => {
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  fake.responder = (body) => String(body.messages.at(-1)?.content ?? '') === 'never ends' ? { kind: 'stall', text: 'Thinking' } : answers.text('Hello.')
  const env = { LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: 'sk-reliability', LLM_TIMEOUT_MS: '60000' }

  // Started together: the two servers boot in parallel.
  const [twice, deadline] = await Promise.all([
    startProcess(t, ['server.ts'], { ...env, SHUTDOWN_TIMEOUT_MS: '60000' }),
    startProcess(t, ['server.ts'], { ...env, SHUTDOWN_TIMEOUT_MS: '1500' })
  ])
  const stalled = async (port: number): Promise<{ open: Promise<StreamAnswer> }> => {
    const created = await call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: 'hello' } })
    const id = created.status === 201 ? String(JSON.parse(created.body).conversation.id) : ''
    let begun = false
    const open = stream(port, `/v1/conversations/${id}/messages`, { headers: auth, body: { message: 'never ends' }, timeoutMs: 90_000, onEvent: () => { begun = true } })
    t.ok(await eventually(() => begun, 20_000, 20), 'a stream is open')
    // Wrapped: returning the bare promise from an async function would wait for the stream to end.
    return { open }
  }
  await Promise.all([stalled(twice.port), stalled(deadline.port)])

  twice.signal('SIGTERM')
  const firstAt = Date.now()
  await sleep(1000)
  t.ok(twice.running(), 'the first SIGTERM waits for the stream')
  twice.signal('SIGTERM')
  const forced = await twice.exited
  t.equal(forced.code, 1, `a second SIGTERM forces exit 1 (${forced.at - firstAt} ms after the first)`)
  t.match(twice.logs(), /second SIGTERM, exiting/)

  const signalledAt = Date.now()
  deadline.signal('SIGTERM')
  const timedOut = await deadline.exited
  t.equal(timedOut.code, 1, `the deadline forces exit 1 (${timedOut.at - signalledAt} ms after SIGTERM)`)
  t.ok(timedOut.at - signalledAt >= 1500, 'not before SHUTDOWN_TIMEOUT_MS')
  t.match(deadline.logs(), /killed by timeout \(1500ms\)/)

  await recordReliability({
    suite: SUITE,
    scenario: 'a never-ending stream: second SIGTERM, then SHUTDOWN_TIMEOUT_MS',
    requests: 4,
    faults: 2,
    failures: (forced.code === 1 ? 0 : 1) + (timedOut.code === 1 ? 0 : 1),
    lost: 0,
    duplicates: 0,
    unexpected5xx: 0,
    hung: 0,
    bypasses: 0,
    notes: `second SIGTERM: exit 1 after ${forced.at - firstAt} ms; deadline of 1500 ms: exit 1 after ${timedOut.at - signalledAt} ms`
  })
})
