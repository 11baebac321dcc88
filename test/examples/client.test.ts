import { test } from 'tap'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { AddressInfo } from 'node:net'
import { build, TEST_API_KEY } from '../helper.js'
import { createAcaiClient, parseEventStream } from '../../examples/client/client.js'
import { demo } from '../../examples/client/main.js'

// The typed client of examples/client against the real server over HTTP: what its README promises.
test('the typed client example against a running server', async (t) => {
  // No load shedding: on a busy machine it would answer 503 to a demo that expects replies.
  const app = await build(t, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', PRESSURE_MAX_HEAP_USED_RATIO: '0' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const acai = createAcaiClient({ baseUrl, apiKey: TEST_API_KEY })

  const turn = await acai.startConversation('what time is it in Tokyo?', 'web')
  t.match(turn, { conversation: { id: /^[0-9a-f]{24}$/, metadata: { platform: 'web' } }, reply: { role: 'assistant', content: /Tokyo/ } })

  const events = []
  for await (const event of acai.streamReply(turn.conversation.id, 'and what time is it in Madrid?')) events.push(event)
  const done = events.at(-1)
  t.equal(done?.event, 'done', 'the stream ends with the stored turn')
  const text = events.flatMap((e) => e.event === 'delta' ? [e.data.text] : []).join('')
  t.ok(done?.event === 'done' && text === done.data.reply.content && text.includes('Madrid'), 'the deltas add up to the stored reply')

  for (let i = 0; i < 3; i++) await acai.startConversation(`what time is it in Lima? (${i})`)
  const ids = []
  for await (const conversation of acai.conversations(2)) ids.push(conversation.id)
  t.equal(ids.length, 4, 'every conversation, across pages of two')
  t.equal(new Set(ids).size, 4, 'none twice')
  t.equal(ids.at(-1), turn.conversation.id, 'newest activity first')

  const stranger = createAcaiClient({ baseUrl, apiKey: 'not-a-key-0123456789' })
  await t.rejects(stranger.startConversation('hi'), { name: 'AcaiError', status: 401, body: { code: 'UNAUTHORIZED' } }, 'an error status is an AcaiError with the error body')
  await t.rejects(async () => { for await (const event of acai.streamReply('0123456789abcdef01234567', 'hi')) t.fail(`unexpected ${event.event}`) }, { name: 'AcaiError', status: 404, body: { code: 'NOT_FOUND' } }, 'also when streaming')

  let output = ''
  await demo({ baseUrl, apiKey: TEST_API_KEY }, (chunk) => { output += chunk })
  t.match(output, /> what time is it in Tokyo\?\n.*Tokyo.*\n> and what time is it in Madrid\?\n.*Madrid.*\n\(4 messages\)\n/s, 'the demo shows both turns')
  t.equal(output.trim().split('\n').filter((line) => /^[0-9a-f]{24} {2}/.test(line)).length, 5, 'and lists every conversation')

  // The command the README gives, as a user runs it.
  const main = join(import.meta.dirname, '..', '..', 'examples', 'client', 'main.ts')
  const run = promisify(execFile)
  const { stdout } = await run(process.execPath, ['--import', 'tsx', main, baseUrl, TEST_API_KEY])
  t.match(stdout, /\(4 messages\)\n/, 'npx tsx examples/client/main.ts <url> <key> runs the demo')
  await t.rejects(run(process.execPath, ['--import', 'tsx', main, baseUrl]), { code: 2, stderr: /usage: npx tsx examples\/client\/main\.ts <base URL> <API key>/ }, 'and says how to call it')
})

test('the event-stream parser skips comments and splits events across chunks', async (t) => {
  const encoder = new TextEncoder()
  const chunks = [': keep-alive\n\nevent: del', 'ta\ndata: {"text":"Hi"}\n\nevent: tool\ndata: {"name":"get_datetime","ok":true}\n\n', 'data: {"unnamed":true}\n\n']
  const body = new ReadableStream<Uint8Array>({
    start (controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    }
  })
  const events = []
  for await (const event of parseEventStream(body)) events.push(event)
  t.same(events, [{ event: 'delta', data: { text: 'Hi' } }, { event: 'tool', data: { name: 'get_datetime', ok: true } }])
})
