// Slow and abusive clients against a real port (issue 12): headers one byte a second (slowloris), 1,000
// idle connections, a 1 MB header, a client that never reads its SSE stream. Each is cut by a configured
// timeout or limit (HTTP_* in schemas/env.ts) while a well-behaved client keeps being answered; its p50
// and p99 are recorded, and only generous bounds asserted (a shared 2-core machine).
import { connect, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import type { FastifyInstance } from 'fastify'
import type { Provider } from '../../../lib/assistant/provider.js'
import { build, TEST_API_KEY } from '../../helper.js'
import { recordReliability } from '../../support/reliability-report.js'

const HEADERS_TIMEOUT_MS = 2000
const IDLE_TIMEOUT_MS = 3000
const KEEP_ALIVE_TIMEOUT_MS = 1000
/** Timeout + Node's checking interval + a busy machine's slack. */
const CUT_WITHIN_MS = 12_000

// A model that never stops talking: 64 KB text deltas until the request is aborted.
const chatterbox: Provider = {
  name: 'chatterbox',
  async * stream (request) {
    const chunk = 'blah '.repeat(13_000)
    for (let i = 0; i < 2000 && !request.signal.aborted; i++) yield { type: 'text', text: chunk }
    yield { type: 'finish', reason: 'stop' }
  }
}

function portOf (app: FastifyInstance): number {
  const address = app.server.address()
  return typeof address === 'object' && address !== null ? address.port : 0
}

function open (port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
  })
}

function closed (socket: Socket): Promise<number> {
  const start = Date.now()
  return new Promise((resolve) => {
    if (socket.destroyed) { resolve(0); return }
    socket.once('close', () => resolve(Date.now() - start))
  })
}

function percentile (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

/** A well-behaved client: one request every 50 ms on fresh connections until stopped. */
function bystander (port: number): { stop: () => Promise<{ latencies: number[], failures: number }> } {
  const latencies: number[] = []
  let failures = 0
  const state = { running: true }
  const loop = (async () => {
    while (state.running) {
      const start = performance.now()
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/conversations?limit=1`, { headers: { 'x-api-key': TEST_API_KEY }, signal: AbortSignal.timeout(10_000) })
        await res.arrayBuffer()
        if (res.status !== 200) failures++
      } catch {
        failures++
      }
      latencies.push(performance.now() - start)
      await sleep(50)
    }
  })()
  return { stop: async () => { state.running = false; await loop; return { latencies, failures } } }
}

test('hostile clients are cut while others are answered', async (t) => {
  const app = await build(t, {
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: '5000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
    // The longest reply the service allows (800,000 characters): more than the socket buffers take.
    LLM_MAX_OUTPUT_TOKENS: '100000'
  }, { app: { assistant: { provider: chatterbox } } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = portOf(app)

  async function scenario (name: string, attack: () => Promise<{ requests: number, hung: number, notes: string }>): Promise<void> {
    const others = bystander(port)
    await sleep(200)
    const result = await attack()
    await sleep(1000)
    const { latencies, failures } = await others.stop()
    const p50 = percentile(latencies, 0.5)
    const p99 = percentile(latencies, 0.99)
    t.equal(failures, 0, `${name}: every request of a well-behaved client answered 200 meanwhile`)
    t.ok(latencies.length >= 5, `${name}: ${latencies.length} requests of others during the attack`)
    t.ok(p99 < 3000, `${name}: others' p99 ${p99.toFixed(1)} ms (p50 ${p50.toFixed(1)} ms) stays under 3 s`)
    await recordReliability({
      suite: 'hostile-clients',
      scenario: name,
      requests: result.requests + latencies.length,
      faults: result.requests,
      failures,
      lost: 0,
      duplicates: 0,
      unexpected5xx: 0,
      hung: result.hung,
      bypasses: 0,
      notes: `${result.notes}; others p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${latencies.length} requests`
    })
  }

  await t.test('slowloris: headers one byte a second are cut by HTTP_HEADERS_TIMEOUT_MS', async (t) => {
    await scenario('Slowloris, headers one byte a second', async () => {
      const socket = await open(port)
      let answer = ''
      socket.on('data', (c: Buffer) => { answer += c.toString('latin1') })
      socket.on('error', () => {})
      const done = closed(socket)
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ')
      const drip = setInterval(() => { if (!socket.destroyed) socket.write('a') }, 1000)
      const race = await Promise.race([done, sleep(CUT_WITHIN_MS * 2).then(() => -1)])
      clearInterval(drip)
      socket.destroy()
      t.ok(race >= 0 && race < CUT_WITHIN_MS, `cut after ${race} ms`)
      t.ok(race >= HEADERS_TIMEOUT_MS - 200, 'not before the headers timeout')
      t.match(answer, /^(HTTP\/1\.1 408|$)/, 'answered 408 or closed without an answer')
      return { requests: 1, hung: race < 0 ? 1 : 0, notes: `cut after ${race} ms (HTTP_HEADERS_TIMEOUT_MS ${HEADERS_TIMEOUT_MS})${answer === '' ? '' : `, answered ${answer.slice(9, 12)}`}` }
    })
  })

  await t.test('1,000 idle connections are closed and do not starve others', async (t) => {
    await scenario('1,000 idle connections', async () => {
      const sockets: Socket[] = []
      for (let batch = 0; batch < 10; batch++) {
        sockets.push(...await Promise.all(Array.from({ length: 100 }, () => open(port))))
      }
      // Read (nothing comes) so that the server's close reaches 'close' on this side.
      for (const s of sockets) { s.on('error', () => {}); s.resume() }
      const start = Date.now()
      const all = await Promise.race([Promise.all(sockets.map(closed)).then(() => Date.now() - start), sleep(CUT_WITHIN_MS * 2).then(() => -1)])
      const stillOpen = sockets.filter((s) => !s.destroyed).length
      for (const s of sockets) s.destroy()
      t.equal(stillOpen, 0, 'every idle connection closed by the server')
      t.ok(all >= 0 && all < CUT_WITHIN_MS, `all 1,000 closed within ${all} ms`)
      return { requests: 1000, hung: stillOpen, notes: `1,000 connections that never sent a byte, all closed by the server within ${all} ms` }
    })
  })

  await t.test('a 1 MB header gets 431 and the connection closed', async (t) => {
    await scenario('A 1 MB header', async () => {
      const socket = await open(port)
      let answer = ''
      socket.on('data', (c: Buffer) => { answer += c.toString('latin1') })
      socket.on('error', () => {})
      const done = closed(socket)
      socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`)
      const race = await Promise.race([done, sleep(CUT_WITHIN_MS).then(() => -1)])
      socket.destroy()
      t.match(answer, /^HTTP\/1\.1 431 /, 'Request Header Fields Too Large')
      t.ok(race >= 0, 'the connection is closed')
      return { requests: 1, hung: race < 0 ? 1 : 0, notes: `answered ${answer.slice(9, 12) || 'nothing'}, closed after ${race} ms (HTTP_MAX_HEADER_SIZE 16384)` }
    })
  })

  // Whichever comes first: the socket buffers fill and nothing moves (HTTP_IDLE_TIMEOUT_MS), or the whole
  // reply, at most maxReplyChars, fits in them, the response ends and the unread connection is closed as an
  // idle keep-alive one (HTTP_KEEP_ALIVE_TIMEOUT_MS). On loopback the second happens; either way it is cut.
  await t.test('a client that never reads its SSE stream is cut by HTTP_IDLE_TIMEOUT_MS or HTTP_KEEP_ALIVE_TIMEOUT_MS', async (t) => {
    await scenario('A client that never reads its SSE stream', async () => {
      const started = await fetch(`http://127.0.0.1:${port}/v1/conversations`, { method: 'POST', headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hello' }) })
      t.equal(started.status, 201, 'a runaway model\'s reply is cut and stored, not a 500')
      const conversation = ((await started.json()) as { conversation: { id: string } }).conversation.id
      const connections: Socket[] = []
      const collect = (s: Socket): void => { connections.push(s) }
      app.server.on('connection', collect)
      const socket = await open(port)
      app.server.off('connection', collect)
      const server = connections.find((s) => s.remotePort === socket.localPort)
      if (server === undefined) throw new Error('the server side of the connection was not seen')
      socket.on('error', () => {})
      const body = JSON.stringify({ message: 'tell me everything' })
      // Written, then never read: no 'data' listener, so the socket stays paused and the window fills.
      socket.write(`POST /v1/conversations/${conversation}/messages HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
      const start = Date.now()
      const cut = await Promise.race([closed(server).then(() => Date.now() - start), sleep(CUT_WITHIN_MS * 2).then(() => -1)])
      const pending = server.writableLength
      socket.destroy()
      t.ok(cut >= 0 && cut < IDLE_TIMEOUT_MS + CUT_WITHIN_MS, `the server closed the unread stream after ${cut} ms`)
      t.ok(server.bytesWritten < 4 * 1024 * 1024, `at most the capped reply was written (${server.bytesWritten} bytes)`)
      return { requests: 1, hung: cut < 0 ? 1 : 0, notes: `server closed the unread stream after ${cut} ms (HTTP_IDLE_TIMEOUT_MS ${IDLE_TIMEOUT_MS}, HTTP_KEEP_ALIVE_TIMEOUT_MS ${KEEP_ALIVE_TIMEOUT_MS}), ${server.bytesWritten} bytes written, ${pending} left in the server` }
    })
  })

  const health = await fetch(`http://127.0.0.1:${port}/health`)
  t.equal(health.status, 200, 'the server is healthy after every attack')
})
