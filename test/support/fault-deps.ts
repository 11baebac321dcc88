// The dependencies of the reliability suites, each a real process or socket the test owns and can break:
// a `redis-server` on a free port (SIGKILL and restart on the same port), a standalone `acai mongo` with a
// data directory (SIGKILL and restart on the same port and directory), a TCP proxy that turns into a black
// hole (accepts, forwards nothing, never answers), and plain HTTP clients that never wait forever: a
// request with no answer within its bound is reported as hung instead of hanging the test.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect, createServer, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { freePort, listenOnLoopback } from '../free-port.js'
import { startMongoProcess, type MongoProcess } from '../lib/embedded-mongo/mongo-process.js'

interface Teardown { teardown (fn: () => unknown): void }

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server'

/** Resolves when something accepts connections on the port (a restarted server, say). */
export async function portOpen (port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const socket = connect(port, '127.0.0.1')
    const ok = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true))
      socket.once('error', () => resolve(false))
    })
    socket.destroy()
    if (ok) return
    await sleep(50)
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`)
}

export interface RedisServer {
  port: number
  url: string
  /** A client of the test's own, for reading counters (reconnects by itself after a restart). */
  client: Redis
  kill: () => Promise<void>
  start: () => Promise<void>
}

/** `redis-server` on a free port, without persistence; kill() SIGKILLs it, start() brings it back on the same port. */
export async function startRedisServer (t: Teardown): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await portOpen(port)
  }
  const kill = async (): Promise<void> => {
    const running = child
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return
    const exited = once(running, 'exit')
    running.kill('SIGKILL')
    await exited
  }
  t.teardown(kill)
  await start()
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 100 })
  client.on('error', () => {})
  t.teardown(() => client.disconnect())
  return { port, url: `redis://127.0.0.1:${port}`, client, kill, start }
}

export interface MongoServer {
  port: number
  uri: string
  dataDir: string
  /** SIGKILL: no journal flush beyond what each acknowledged write already fsynced. */
  kill: () => Promise<void>
  /** Starts `acai mongo` again on the same port and data directory. */
  start: () => Promise<void>
  stderr: () => string
}

/** `acai mongo --data-dir` as its own process on a free port. */
export async function startMongoServer (t: Teardown, dataDir: string): Promise<MongoServer> {
  const port = await freePort()
  let current: MongoProcess | undefined
  let log = ''
  const start = async (): Promise<void> => {
    current = await startMongoProcess(t, ['--port', String(port), '--data-dir', dataDir])
  }
  const kill = async (): Promise<void> => {
    const running = current
    if (running === undefined || running.child.exitCode !== null || running.child.signalCode !== null) return
    running.child.kill('SIGKILL')
    await running.exited
    log += running.stderr()
  }
  await start()
  return {
    port,
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    dataDir,
    kill,
    start,
    stderr: () => log + (current?.stderr() ?? '')
  }
}

export interface BlackHoleProxy {
  uri: string
  /** From now on nothing is forwarded and nothing answered: open connections go silent, new ones are accepted and ignored. */
  blackHole: () => void
  /** Forwards again (to new connections; the silenced ones stay silent until their client gives up). */
  restore: () => void
  /** Connections accepted while black-holed. */
  swallowed: () => number
  close: () => Promise<void>
}

/**
 * A TCP proxy to `target` that can become a black hole: the network partition where the database host
 * still accepts connections (a SYN proxy, a hung process) but no byte ever comes back.
 */
export async function startBlackHoleProxy (target: { host: string, port: number }): Promise<BlackHoleProxy> {
  let hole = false
  let swallowed = 0
  const sockets = new Set<Socket>()
  const silence: Array<() => void> = []
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  }
  const server = createServer((client) => {
    track(client)
    if (hole) {
      swallowed++
      client.on('data', () => {})
      return
    }
    const upstream = connect(target.port, target.host)
    track(upstream)
    let silent = false
    client.on('data', (chunk: Buffer) => { if (!silent) upstream.write(chunk) })
    upstream.on('data', (chunk: Buffer) => { if (!silent) client.write(chunk) })
    upstream.on('close', () => { if (!silent) client.destroy() })
    client.on('close', () => upstream.destroy())
    silence.push(() => { silent = true })
  })
  const port = await listenOnLoopback(server)
  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    blackHole () {
      hole = true
      for (const quiet of silence.splice(0)) quiet()
    },
    restore () { hole = false },
    swallowed: () => swallowed,
    async close () {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
  ms: number
  /** No complete answer within the bound (the request was then abandoned). */
  hung: boolean
  /** The connection failed (refused, reset) before an answer: `code` says how. */
  error?: string
}

export interface CallOptions {
  method?: string
  headers?: Record<string, string>
  body?: unknown
  /** The bound after which the request counts as hung. */
  timeoutMs?: number
}

/** One HTTP request on its own connection; never rejects, never waits past `timeoutMs`. */
export function call (port: number, path: string, options: CallOptions = {}): Promise<Answer> {
  const started = Date.now()
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  const headers: Record<string, string> = { ...options.headers }
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json'
    headers['content-length'] = String(Buffer.byteLength(payload))
  }
  return new Promise((resolve) => {
    let settled = false
    const finish = (answer: Omit<Answer, 'ms'>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve({ ...answer, ms: Date.now() - started })
    }
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body, hung: false }))
      res.on('error', (err: NodeJS.ErrnoException) => finish({ status: res.statusCode ?? 0, headers: res.headers, body, hung: false, error: err.code ?? err.message }))
    })
    const timer = setTimeout(() => {
      finish({ status: 0, headers: {}, body: '', hung: true })
      req.destroy()
    }, options.timeoutMs ?? 30_000)
    req.on('error', (err: NodeJS.ErrnoException) => finish({ status: 0, headers: {}, body: '', hung: false, error: err.code ?? err.message }))
    req.end(payload)
  })
}

export interface SseEvent { event: string, data: unknown }

export interface StreamAnswer extends Answer {
  events: SseEvent[]
  /** The last event's name, if any. */
  last?: string
}

/** Parses a text/event-stream body into its events (data as JSON when it parses). */
export function parseEvents (text: string): SseEvent[] {
  const events: SseEvent[] = []
  for (const block of text.split(/\n\n/)) {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
    }
    if (data.length === 0) continue
    const raw = data.join('\n')
    let parsed: unknown = raw
    try { parsed = JSON.parse(raw) } catch {}
    events.push({ event, data: parsed })
  }
  return events
}

/** POSTs with `Accept: text/event-stream`; `onEvent` sees each event as it arrives. */
export async function stream (port: number, path: string, options: CallOptions & { onEvent?: (event: SseEvent) => void } = {}): Promise<StreamAnswer> {
  const started = Date.now()
  const payload = JSON.stringify(options.body ?? {})
  const headers = { ...options.headers, accept: 'text/event-stream', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
  return new Promise((resolve) => {
    let settled = false
    let body = ''
    let seen = 0
    const finish = (answer: Omit<StreamAnswer, 'ms' | 'events' | 'last' | 'body'>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const events = parseEvents(body)
      resolve({ ...answer, body, events, last: events.at(-1)?.event, ms: Date.now() - started })
    }
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers, agent: false }, (res) => {
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        const complete = body.slice(0, body.lastIndexOf('\n\n') + 2)
        const events = parseEvents(complete)
        for (const event of events.slice(seen)) options.onEvent?.(event)
        seen = events.length
      })
      res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, hung: false }))
      res.on('error', (err: NodeJS.ErrnoException) => finish({ status: res.statusCode ?? 0, headers: res.headers, hung: false, error: err.code ?? err.message }))
      res.on('close', () => finish({ status: res.statusCode ?? 0, headers: res.headers, hung: false, error: 'closed' }))
    })
    const timer = setTimeout(() => {
      finish({ status: 0, headers: {}, hung: true })
      req.destroy()
    }, options.timeoutMs ?? 30_000)
    req.on('error', (err: NodeJS.ErrnoException) => finish({ status: 0, headers: {}, hung: false, error: err.code ?? err.message }))
    req.end(payload)
  })
}

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passes; says which. */
export async function eventually (check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(everyMs)
  }
  return false
}
