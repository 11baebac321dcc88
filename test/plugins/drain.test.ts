import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import { serverOptions } from '../../app.js'
import { loadConfig } from '../../lib/config/load-config.js'
import { testEnv } from '../helper.js'
import errorHandler from '../../plugins/app/error-handler.js'
import drain from '../../plugins/app/drain.js'

interface Reply { status: number, headers: IncomingHttpHeaders, body: string }

// The drain plugin on a bare instance with the production server options, listening on loopback.
async function listening (t: { teardown: (fn: () => unknown) => void }, extend?: (fastify: FastifyInstance) => void): Promise<{ app: FastifyInstance, port: number }> {
  const app = Fastify(serverOptions(loadConfig(testEnv())))
  await app.register(errorHandler)
  await app.register(drain)
  app.get('/ready', async () => ({ status: 'ready' }))
  extend?.(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  t.teardown(() => app.close())
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { app, port: address.port }
}

function get (port: number, path: string, agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('a request that arrives once shutdown has begun gets 503 in the one shape and a closed connection', async (t) => {
  let releaseClose: () => void = () => {}
  const { app, port } = await listening(t, (fastify) => {
    // Stands for other plugins' shutdown work: the listener stays open meanwhile.
    fastify.addHook('preClose', () => new Promise<void>((resolve) => { releaseClose = resolve }))
  })
  t.equal((await get(port, '/ready')).status, 200)
  t.equal(app.draining(), false)

  const closing = app.close()
  await sleep(20)
  t.equal(app.draining(), true)
  const res = await get(port, '/ready')
  t.equal(res.status, 503)
  t.equal(res.headers['retry-after'], '1')
  t.equal(res.headers.connection, 'close')
  t.same(JSON.parse(res.body), { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable', message: 'This instance is temporarily unavailable' })
  releaseClose()
  await closing
})

test('an in-flight request finishes after close starts, new connections are refused, and close does not wait for keep-alive', async (t) => {
  const { app, port } = await listening(t)
  const socket = connect(port, '127.0.0.1')
  t.teardown(() => socket.destroy())
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => { received += chunk })
  const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()))

  // A keep-alive request whose body is still arriving when shutdown starts.
  const body = JSON.stringify({ text: 'slowly sent' })
  socket.write(`POST /ready HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`)
  await sleep(50)
  const started = Date.now()
  const closing = app.close()
  await sleep(50)

  const refused = await get(port, '/ready').then(() => 'answered', (err: NodeJS.ErrnoException) => err.code)
  t.equal(refused, 'ECONNREFUSED', 'no new connection once draining')

  socket.write(body.slice(4))
  await closing
  await socketClosed
  t.ok(Date.now() - started < 2000, 'close did not wait for the keep-alive timeout')
  t.match(received, /^HTTP\/1\.1 404 /, 'the in-flight request got its full answer')
  t.match(received, /connection: close/i)
  t.match(received, /"code":"NOT_FOUND"/)
})

test('a stream that started before shutdown runs to its end, then its connection closes', async (t) => {
  const { app, port } = await listening(t, (fastify) => {
    fastify.get('/stream', (_request, reply) => {
      const stream = new Readable({ read () {} })
      stream.push('first,')
      setTimeout(() => { stream.push('last'); stream.push(null) }, 300)
      return reply.type('text/plain').send(stream)
    })
  })
  const agent = new Agent({ keepAlive: true })
  t.teardown(() => agent.destroy())
  const pending = get(port, '/stream', agent)
  await sleep(100)
  const started = Date.now()
  const closing = app.close()
  const res = await pending
  await closing
  t.equal(res.status, 200)
  t.equal(res.body, 'first,last', 'the whole stream arrived')
  t.ok(Date.now() - started < 2000, 'close finished soon after the stream')
})
