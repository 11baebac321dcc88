// `acai conversations list|show` against the app on a real port; the API client's 429 handling against a
// local server answering 429 with Retry-After first.
import { test } from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { build, TEST_API_KEY } from '../../helper.js'
import { conversationsCommand } from '../../../lib/acai-client/conversations-cli.js'
import { ApiError, createApiClient, retryAfterSeconds } from '../../../lib/acai-client/http.js'
import { listenOnLoopback } from '../../free-port.js'

async function capture (argv: string[], env: Record<string, string>) {
  let out = ''
  let err = ''
  const code = await conversationsCommand(argv, { out: (t) => { out += t + '\n' }, err: (t) => { err += t + '\n' }, env, isTty: false })
  return { code, out, err }
}

test('acai conversations', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const env = { ACAI_URL: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, ACAI_API_KEY: TEST_API_KEY }

  const empty = await capture(['list'], env)
  t.same(empty, { code: 0, out: 'no conversations yet\n', err: '' })

  const started = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { authorization: `Bearer ${TEST_API_KEY}` }, payload: { message: 'what time is it in Tokyo?' } })
  const turn = started.json()

  const list = await capture(['list'], env)
  t.equal(list.code, 0)
  const [header, row] = list.out.trimEnd().split('\n')
  t.match(header, /^ID\s+TITLE\s+UPDATED\s+MESSAGES$/)
  t.match(row, new RegExp(`^${turn.conversation.id}\\s+${turn.conversation.title}\\s+\\S+Z\\s+2$`))

  const json = await capture(['list', '--json', '--limit', '5'], env)
  t.equal(JSON.parse(json.out).items[0].id, turn.conversation.id)

  const show = await capture(['show', turn.conversation.id], env)
  t.equal(show.code, 0)
  t.match(show.out, new RegExp(`you› ${turn.message.createdAt}\\nwhat time is it in Tokyo\\?`))
  t.match(show.out, /get_datetime ✓\nacai› \S+Z\n/)

  const showJson = await capture(['show', turn.conversation.id, '--json'], env)
  t.equal(JSON.parse(showJson.out).messages.length, 2)

  const missing = await capture(['show', '665f1c2ab4e1f2a3b4c5d6e7'], env)
  t.equal(missing.code, 1)
  t.match(missing.err, /not found/i)

  const noKey = await capture(['list'], { ACAI_URL: env.ACAI_URL })
  t.equal(noKey.code, 1)
  t.match(noKey.err, /API key/)

  for (const argv of [[], ['show'], ['list', 'x'], ['frob'], ['list', '--limit', 'many'], ['--bogus']]) {
    const bad = await capture(argv, env)
    t.equal(bad.code, 1, argv.join(' '))
    t.match(bad.err, /usage: acai conversations/)
  }
  t.equal((await capture(['--help'], env)).code, 0)
})

test('the API client waits out a 429 for Retry-After', async (t) => {
  let hits = 0
  const server = createServer((req, res) => {
    hits++
    if (hits === 1) res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"statusCode":429,"code":"RATE_LIMITED","error":"Too Many Requests","message":"slow down"}')
    else if (hits === 2) res.writeHead(204).end()
    else res.writeHead(429, { 'retry-after': '0' }).end('plain')
  })
  const port = await listenOnLoopback(server)
  t.teardown(() => server.close())
  const waits: number[] = []
  const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}/`, apiKey: undefined, onWait: (s) => waits.push(s), maxRateLimitWaits: 1 })
  t.equal(await api.json({ method: 'GET', path: '/x' }), undefined)
  t.same(waits, [1], 'waited the Retry-After once')
  const err = await api.json({ method: 'GET', path: '/x' }).catch((e: unknown) => e)
  t.ok(err instanceof ApiError)
  t.equal((err as ApiError).status, 429, 'gives up after maxRateLimitWaits')
  t.equal((err as ApiError).message, 'plain')

  t.equal(retryAfterSeconds(null), 1)
  t.equal(retryAfterSeconds('7'), 7)
  t.equal(retryAfterSeconds(new Date(10_000).toUTCString(), 0), 10)
  t.equal(retryAfterSeconds('soon'), 1)
})

test('readSse: events split across chunks, comments, CRLF, text data and a last block without a blank line', async (t) => {
  const { readSse } = await import('../../../lib/acai-client/sse.js')
  const encoder = new TextEncoder()
  const chunks = [': keep-alive\r\n\r\nevent: delta\r\ndata: {"te', 'xt":"hi"}\r\n\r\ndata: plain text\n\nevent\n\nevent: done\ndata: {"ok":true}']
  const body = new ReadableStream<Uint8Array>({
    start (controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c))
      controller.close()
    }
  })
  const events = []
  for await (const event of readSse(body)) events.push(event)
  t.same(events, [
    { event: 'delta', data: { text: 'hi' } },
    { event: 'message', data: 'plain text' },
    { event: 'done', data: { ok: true } }
  ])
})
