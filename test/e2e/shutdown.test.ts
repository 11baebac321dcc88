// SIGTERM over a real port (DESIGN.md 7.2): the server process, as `npm start` runs it, drains and exits 0.
import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { request } from 'node:http'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import { TEST_API_KEY, testEnv } from '../helper.js'
import { freePort } from '../free-port.js'
import { typescriptLoader } from '../support/ts-loader.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SHUTDOWN_TIMEOUT_MS = 5000

function get (port: number, path: string): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

interface ServerProcess {
  port: number
  logs: () => string
  exited: Promise<{ code: number | null, at: number }>
  signal: (name: NodeJS.Signals) => void
  running: () => boolean
}

// Starts an entry point (server.ts, or cli.ts with `serve`) as its own process with only the test's
// environment, and waits until it listens.
async function startProcess (t: { teardown: (fn: () => unknown) => void }, args: string[]): Promise<ServerProcess> {
  const port = await freePort()
  const loader = typescriptLoader()
  const child = spawn(process.execPath, [...loader.args, ...args], {
    cwd: ROOT,
    env: {
      ...loader.env,
      ...testEnv({ LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) }),
      // Autoload loads .ts plugins only when told it runs under a TypeScript loader.
      FASTIFY_AUTOLOAD_TYPESCRIPT: '1'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let logs = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => { logs += chunk })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => { logs += chunk })
  const exited = new Promise<{ code: number | null, at: number }>((resolve) => {
    child.on('exit', (code) => resolve({ code, at: Date.now() }))
  })
  for (let i = 0; i < 600 && !logs.includes('Server listening') && child.exitCode === null; i++) await sleep(100)
  return { port, logs: () => logs, exited, signal: (name: NodeJS.Signals) => child.kill(name), running: () => child.exitCode === null }
}

test('SIGTERM lets in-flight requests finish, refuses new ones and exits 0', async (t) => {
  const server = await startProcess(t, ['server.ts'])
  const { port } = server
  t.match(server.logs(), 'Server listening', 'the server started')
  t.equal((await get(port, '/ready')).status, 200)

  // An in-flight request: its body is still arriving when the signal comes.
  const socket = connect(port, '127.0.0.1')
  t.teardown(() => socket.destroy())
  let answer = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => { answer += chunk })
  const answered = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
  const body = JSON.stringify({ message: 'what time is it in Tokyo? (sent slowly, across the shutdown)' })
  socket.write(`POST /v1/conversations HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\nX-API-Key: ${TEST_API_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 8)}`)
  await sleep(200)

  const signalledAt = Date.now()
  server.signal('SIGTERM')
  await sleep(300)

  const ready = await get(port, '/ready').then((res) => String(res.status), (err: NodeJS.ErrnoException) => err.code ?? 'error')
  t.ok(ready === '503' || ready === 'ECONNREFUSED', `/ready while draining: ${ready}`)
  t.ok(server.running(), 'still draining while a request is in flight')

  socket.write(body.slice(8))
  await answered
  t.match(answer, /^HTTP\/1\.1 201 /, 'the in-flight request got its complete answer')
  t.match(answer, /"reply":\{[^}]*"role":"assistant","content":"In Tokyo/, 'with the assistant\'s reply')

  const { code, at } = await server.exited
  t.equal(code, 0, 'exit code 0')
  t.ok(at - signalledAt < SHUTDOWN_TIMEOUT_MS, `exited ${at - signalledAt} ms after SIGTERM, within SHUTDOWN_TIMEOUT_MS`)
  t.match(server.logs(), /"signal":"SIGTERM".*"msg":"shutting down"/)
  t.notMatch(server.logs(), /killed by timeout/)
})

test('`acai serve` serves the API and exits 0 on SIGINT', async (t) => {
  const server = await startProcess(t, ['cli.ts', 'serve'])
  const health = await get(server.port, '/health')
  t.equal(health.status, 200)
  t.match(JSON.parse(health.body), { status: 'healthy', checks: { mongodb: 'embedded', redis: 'embedded' } })
  server.signal('SIGINT')
  t.equal((await server.exited).code, 0)
})
