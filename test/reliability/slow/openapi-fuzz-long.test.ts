// The long fuzzing run (issue 12), against a real port: OpenAPI-generated requests over HTTP/1.1 with
// keep-alive, then raw bytes the HTTP client libraries would refuse to send (invalid UTF-8 and control
// characters in the request line and headers, broken framing). Together with
// test/reliability/openapi-fuzz.test.ts more than 10,000 requests per run.
import { Agent, request as httpRequest, validateHeaderValue } from 'node:http'
import { connect } from 'node:net'
import fc from 'fast-check'
import { test } from 'tap'
import { build, TEST_API_KEY } from '../../helper.js'
import { fuzzApp, type Sender } from '../../support/fuzz-run.js'
import type { FuzzRequest } from '../../support/openapi-fuzz.js'
import { recordReliability } from '../../support/reliability-report.js'

const RUNS = 7000
const RAW_RUNS = 1000

function clientAccepts (headers: Record<string, string>): boolean {
  try {
    for (const [name, value] of Object.entries(headers)) validateHeaderValue(name, value)
    return true
  } catch {
    return false
  }
}

// Requests Node's client refuses to send (a NUL in a header) go out as raw bytes on their own connection.
function rawSender (port: number): Sender {
  return (r) => new Promise((resolve, reject) => {
    const body = r.payload === undefined ? Buffer.alloc(0) : Buffer.from(r.payload)
    const head = [`${r.method} ${r.url} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${body.length}`, '', ''].join('\r\n')
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer within 10 s: ${r.label}`)) }, 10_000)
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', () => { /* a reset after the answer is fine */ })
    socket.on('close', () => {
      clearTimeout(timer)
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ statusCode: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text, headers: {} })
    })
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]))
  })
}

function sender (port: number, agent: Agent): Sender {
  const fallback = rawSender(port)
  return (r) => clientAccepts(r.headers) ? viaClient(port, agent, r) : fallback(r)
}

function viaClient (port: number, agent: Agent, r: FuzzRequest): ReturnType<Sender> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.url, headers: r.headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }))
      res.on('error', reject)
    })
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer within 10 s: ${r.label}`)))
    req.on('error', reject)
    req.end(r.payload)
  })
}

/** Sends raw bytes, returns the status code of the first response line (0: closed without an answer). */
function raw (port: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    const timer = setTimeout(() => { socket.destroy(); reject(new Error('raw request hung')) }, 10_000)
    socket.on('data', (c: Buffer) => { text += c.toString('latin1'); if (text.includes('\r\n')) socket.end() })
    socket.on('error', () => { /* a reset after the answer is fine */ })
    socket.on('close', () => { clearTimeout(timer); resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)) })
    socket.write(bytes)
  })
}

const junk = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((a) => Buffer.from(a))
const rawRequest = fc.oneof(
  fc.tuple(fc.constantFrom('GET /v1/conversations/', 'DELETE /v1/conversations/', 'GET /v1/conversations?cursor=', 'GET /v1/usage?days='), junk)
    .map(([start, bytes]) => Buffer.concat([Buffer.from(start), bytes, Buffer.from(` HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\n\r\n`)])),
  fc.tuple(fc.constantFrom('x-api-key', 'idempotency-key', 'authorization', 'content-type', 'x-request-id'), junk)
    .map(([name, bytes]) => Buffer.concat([Buffer.from(`POST /v1/conversations HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\n${name}: `), bytes, Buffer.from('\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"message":"hi"}\n')])),
  junk.map((bytes) => Buffer.concat([Buffer.from(`POST /twirp/acai.chat.ChatService/StartConversation HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length + 14}\r\n\r\n{"message":"`), bytes, Buffer.from('"}')])),
  fc.constantFrom(
    Buffer.from(`POST /v1/conversations HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
    Buffer.from(`POST /v1/conversations HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n`),
    Buffer.from(`POST /v1/conversations HTTP/1.1\r\nHost: x\r\nX-API-Key: ${TEST_API_KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
    Buffer.from('GET / HTTP/9.9\r\n\r\n'),
    Buffer.from('\u0000\u0001\u0002 garbage\r\n\r\n')
  )
)

test('long fuzzing run over a real port, then raw bytes', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  t.after(() => agent.destroy())

  const outcome = await fuzzApp(app, RUNS, 1212, sender(port, agent))
  t.equal(outcome.requests, RUNS)
  t.same(outcome.failures, [], 'no 5xx and no leaked internals over HTTP')
  t.same(outcome.bypasses, [], 'the other owner\'s data unchanged and unseen')

  const rawStatuses: Record<string, number> = {}
  let rawFailures = 0
  await fc.assert(fc.asyncProperty(rawRequest, async (bytes) => {
    const status = await raw(port, bytes)
    rawStatuses[status] = (rawStatuses[status] ?? 0) + 1
    if (status >= 500) rawFailures++
    return true
  }), { numRuns: RAW_RUNS, seed: 12 })
  t.equal(rawFailures, 0, 'raw bytes never get a 5xx')
  const health = await sender(port, agent)({ method: 'GET', url: '/health', headers: {}, label: 'health' })
  t.equal(health.statusCode, 200, 'the server still answers after the run')

  await recordReliability({
    suite: 'openapi-fuzz-long',
    scenario: 'OpenAPI-generated requests over HTTP and raw bytes',
    requests: outcome.requests + RAW_RUNS,
    faults: 0,
    failures: outcome.failures.length + rawFailures,
    lost: 0,
    duplicates: 0,
    unexpected5xx: outcome.failures.filter((f) => /^5\d\d /.test(f)).length + rawFailures,
    hung: 0,
    bypasses: outcome.bypasses.length,
    notes: `HTTP statuses ${JSON.stringify(outcome.statuses)}; raw statuses ${JSON.stringify(rawStatuses)} (0: closed by the parser)`
  })
})
