// `acai chat` driven through its input and output streams (readline in terminal mode, so Ctrl-C and
// Ctrl-D are keys as in a real terminal) against the app listening on a real port, with the model a
// local fake OpenAI-compatible server.
import { test } from 'tap'
import { PassThrough, Writable } from 'node:stream'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { build, TEST_API_KEY } from '../../helper.js'
import { answers, startFakeLlm, type ChatRequestBody } from '../../support/fake-llm.js'
import { chatCommand } from '../../../lib/acai-client/chat-cli.js'

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')

function lastUser (body: ChatRequestBody): string {
  return [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? ''
}

function terminal (argv: string[], env: Record<string, string>, isTTY = false) {
  const input = new PassThrough()
  let text = ''
  const output = Object.assign(new Writable({ write (chunk, _enc, done) { text += String(chunk); done() } }), { isTTY })
  const exit = chatCommand(argv, { input, output, terminal: true, env, retryDelayMs: 20 })
  return {
    exit,
    type: (keys: string) => { input.write(keys) },
    screen: () => stripAnsi(text),
    raw: () => text,
    async waitFor (pattern: RegExp | string, from = 0): Promise<string> {
      for (let i = 0; i < 1000; i++) {
        const screen = stripAnsi(text).slice(from)
        if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen
        await sleep(10)
      }
      throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${stripAnsi(text)}`)
    }
  }
}

test('acai chat', async (t) => {
  const llm = await startFakeLlm()
  t.teardown(() => llm.close())
  llm.responder = (body) => {
    if (body.tools === undefined || body.tools.length === 0) return answers.text('Tokyo time')
    if (body.messages.at(-1)?.role === 'tool') return { kind: 'reply', text: 'It is 21:00 in Tokyo right now.', chunkDelayMs: 5 }
    const said = lastUser(body)
    if (said.includes('slow')) return { kind: 'stall', text: 'Let me think' }
    if (said.includes('time')) return answers.tools({ name: 'get_datetime', arguments: { location: 'Tokyo' } })
    return { kind: 'reply', text: `You said: ${said}. Anything else?`, chunkDelayMs: 5 }
  }
  const app = await build(t, { LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'fake' })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const env = { ACAI_URL: url, ACAI_API_KEY: TEST_API_KEY }
  let conversationId = ''

  await t.test('two messages: the first starts a conversation and shows the title, the second streams with a tool line', async (t) => {
    const chat = terminal([], env)
    await chat.waitFor('you›')
    chat.type('hello there\r')
    let screen = await chat.waitFor('Tokyo time')
    t.match(screen, /acai› You said: hello there\. Anything else\?\n— Tokyo time\n/, 'the reply, then the title line')
    const mark = chat.screen().length
    const deltasBefore = llm.calls.length
    chat.type('what time is it in Tokyo?\r')
    screen = await chat.waitFor('right now.', mark)
    t.match(screen, /get_datetime ✓\nacai› It is 21:00 in Tokyo right now\./, 'one dim tool line, then the streamed reply')
    t.notMatch(screen, /Tokyo time/, 'the title is shown once')
    t.ok(llm.calls.length > deltasBefore)
    t.notMatch(chat.raw(), /\x1b\[2m/, 'no colors when the output is not a TTY') // eslint-disable-line no-control-regex
    chat.type('\x04')
    t.equal(await chat.exit, 0, 'Ctrl-D exits with 0')
    const list = await app.inject({ method: 'GET', url: '/v1/conversations', headers: { authorization: `Bearer ${TEST_API_KEY}` } })
    const conversation = list.json().items.find((c: { title: string }) => c.title === 'Tokyo time')
    t.equal(conversation.messageCount, 4)
    conversationId = conversation.id
  })

  await t.test('the streamed reply arrives in pieces, and Ctrl-C cancels only that reply', async (t) => {
    const chat = terminal([conversationId], env)
    const history = await chat.waitFor('you›')
    t.match(history, /Tokyo time {2}[0-9a-f]{24}\nyou› hello there\nacai› You said: hello there\. Anything else\?\nyou› what time is it in Tokyo\?\nget_datetime ✓\nacai› It is 21:00 in Tokyo right now\./, 'a resumed conversation prints its history')
    let mark = chat.screen().length
    chat.type('something slow please\r')
    await chat.waitFor('acai› Let me think', mark)
    const stalled = llm.calls.at(-1)
    chat.type('\x03')
    await chat.waitFor('(reply cancelled)', mark)
    await stalled?.settled
    t.equal(stalled?.aborted, true, 'the model request was abandoned')
    mark = chat.screen().length
    chat.type('still there?\r')
    const after = await chat.waitFor('Anything else?', mark)
    t.match(after, /acai› You said: still there\?\. Anything else\?/, 'the chat goes on after a cancelled reply')
    chat.type('\x04')
    t.equal(await chat.exit, 0)
  })

  await t.test('colors on a TTY, none with NO_COLOR', async (t) => {
    const colored = terminal([conversationId], env, true)
    await colored.waitFor('you›')
    colored.type('\x04')
    await colored.exit
    t.match(colored.raw(), /\x1b\[2m/) // eslint-disable-line no-control-regex
    const plain = terminal([conversationId], { ...env, NO_COLOR: '1' }, true)
    await plain.waitFor('you›')
    plain.type('\x04')
    await plain.exit
    t.notMatch(plain.raw(), /\x1b\[2m/) // eslint-disable-line no-control-regex
  })

  await t.test('a dropped connection is retried with the same Idempotency-Key and produces one reply', async (t) => {
    // A proxy that cuts the first streamed reply after its first event, reading the server's answer to the end.
    const keys: string[] = []
    let cut = false
    const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'POST' && (req.url ?? '').endsWith('/messages')) keys.push(String(req.headers['idempotency-key']))
      const upstream = httpRequest(url + (req.url ?? '/'), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        const cutThis = !cut && (up.headers['content-type'] ?? '').startsWith('text/event-stream')
        if (cutThis) cut = true
        up.on('data', (chunk: Buffer) => {
          if (res.destroyed) return
          res.write(chunk)
          if (cutThis) res.socket?.destroy()
        })
        up.on('end', () => { if (!res.destroyed) res.end() })
      })
      req.pipe(upstream)
    })
    proxy.listen(0, '127.0.0.1')
    await once(proxy, 'listening')
    t.teardown(() => { proxy.closeAllConnections(); proxy.close() })
    const chat = terminal([conversationId], { ...env, ACAI_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` })
    const mark = (await chat.waitFor('you›')).length
    const before = (await app.inject({ method: 'GET', url: `/v1/conversations/${conversationId}`, headers: { authorization: `Bearer ${TEST_API_KEY}` } })).json().conversation.messageCount
    chat.type('are you still there after the drop\r')
    const screen = await chat.waitFor(/You said: are you still there after the drop\. Anything else\?\n[\s\S]*you›/, mark)
    t.match(screen, /connection lost/, 'the drop is reported')
    t.equal(keys.length, 2, 'sent twice')
    t.equal(keys[0], keys[1], 'with the same Idempotency-Key')
    chat.type('\x04')
    await chat.exit
    const got = (await app.inject({ method: 'GET', url: `/v1/conversations/${conversationId}`, headers: { authorization: `Bearer ${TEST_API_KEY}` } })).json()
    t.equal(got.conversation.messageCount, before + 2, 'one user message and one reply')
    t.equal(got.messages.filter((m: { content: string }) => m.content.includes('after the drop')).length, 2)
  })

  await t.test('a 503 offers the retry through POST .../reply', async (t) => {
    llm.script.push(answers.error(503), answers.error(503), answers.error(503), answers.error(503))
    const chat = terminal([conversationId], env)
    const mark = (await chat.waitFor('you›')).length
    chat.type('is the model up\r')
    await chat.waitFor('Retry the reply? [Y/n]', mark)
    t.match(chat.screen().slice(mark), /The model is unavailable right now/)
    llm.script.length = 0
    chat.type('y\r')
    const screen = await chat.waitFor('You said: is the model up. Anything else?', mark)
    t.match(screen, /\[Y\/n\] y\r?\nacai› You said: is the model up\. Anything else\?/, 'the missing reply after the retry')
    chat.type('\x04')
    await chat.exit
  })

  await t.test('an unknown conversation and bad arguments exit with 1', async (t) => {
    const missing = terminal(['665f1c2ab4e1f2a3b4c5d6e7'], env)
    t.equal(await missing.exit, 1)
    t.match(missing.screen(), /not found/i)
    const bad = terminal(['a', 'b'], env)
    t.equal(await bad.exit, 1)
    t.match(bad.screen(), /usage: acai chat/)
    const help = terminal(['--help'], env)
    t.equal(await help.exit, 0)
  })
})
