// The client commands through the real `acai` entry point, in child processes, against the app on a real port.
import { test } from 'tap'
import type { AddressInfo } from 'node:net'
import { build, TEST_API_KEY } from '../../helper.js'
import { runCli } from '../cli-process.js'

test('acai chat, conversations and telegram as commands', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const env = { ACAI_URL: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, ACAI_API_KEY: TEST_API_KEY }
  await app.inject({ method: 'POST', url: '/v1/conversations', headers: { authorization: `Bearer ${TEST_API_KEY}` }, payload: { message: 'hello' } })

  const list = await runCli(['conversations', 'list'], env)
  t.equal(list.code, 0, list.stderr)
  t.match(list.stdout, /^ID\s+TITLE\s+UPDATED\s+MESSAGES\n[0-9a-f]{24}\s/)

  // stdin is a pipe: one message, then end of input; the reply is printed before the chat exits 0.
  const chat = await runCli(['chat'], env, 'hello from a pipe\n')
  t.equal(chat.code, 0, chat.stderr)
  t.match(chat.stdout, /acai chat on http:\/\/127\.0\.0\.1:\d+/)
  t.match(chat.stdout, /acai› \S/, 'the reply')
  t.notMatch(chat.stdout, /\x1b\[/, 'no colors on a pipe') // eslint-disable-line no-control-regex

  const telegram = await runCli(['telegram', 'set-webhook', '--url', 'https://example.com/hook'], {})
  t.equal(telegram.code, 1)
  t.match(telegram.stderr, /TELEGRAM_BOT_TOKEN/)
})
