// The Telegram webhook against a fake Bot API (a local HTTP server) and a fake model, through the app.
import { test } from 'tap'
import { createServer } from 'node:http'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { build } from '../helper.js'
import { answers, startFakeLlm } from '../support/fake-llm.js'
import { HELP_TEXT, NEW_CONVERSATION, TEXT_ONLY, UNAVAILABLE } from '../../lib/telegram/webhook.js'
import { readTelegramConfig } from '../../lib/telegram/config.js'
import { splitMessage } from '../../lib/telegram/split.js'
import { listenOnLoopback } from '../free-port.js'

interface BotCall { method: string, token: string, body: { chat_id: number | string, text?: string, action?: string } }

async function fakeBotApi () {
  const calls: BotCall[] = []
  const failures: Array<{ method: string, status: number, body: unknown }> = []
  const server = createServer((req, res) => {
    let text = ''
    req.on('data', (c) => { text += String(c) })
    req.on('end', () => {
      const [, token = '', method = ''] = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '') ?? []
      calls.push({ method, token, body: JSON.parse(text) })
      const failure = failures.findIndex((f) => f.method === method)
      if (failure !== -1) {
        const [f] = failures.splice(failure, 1)
        res.writeHead(f?.status ?? 500, { 'content-type': 'application/json' }).end(JSON.stringify(f?.body))
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: method === 'sendMessage' ? { message_id: calls.length } : true }))
    })
  })
  const port = await listenOnLoopback(server)
  return { calls, failures, url: `http://127.0.0.1:${port}`, close: () => { server.closeAllConnections(); server.close() } }
}

const SECRET = 'webhook-secret_123'
const TOKEN = '123456:test-token'

const update = (id: number, chatId: number, text?: string) => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: chatId, type: 'private' }, from: { id: 1000 + chatId, is_bot: false, first_name: 'Ana' }, ...(text === undefined ? { sticker: { file_id: 'x' } } : { text }) }
})

test('telegram webhook', async (t) => {
  const bot = await fakeBotApi()
  t.teardown(bot.close)
  const llm = await startFakeLlm()
  t.teardown(() => llm.close())
  const PARAGRAPH = 'Lorem ipsum dolor sit amet. '.repeat(70).trim()
  llm.responder = (body) => {
    if (body.tools === undefined || body.tools.length === 0) return answers.text('A title')
    const said = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? ''
    if (said.includes('long')) return answers.text([PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH].join('\n\n'))
    return answers.text(`Echo: ${said}`)
  }
  const app = await build(t, {
    LLM_BASE_URL: llm.baseUrl,
    LLM_API_KEY: 'fake',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_BASE_URL: bot.url,
    TELEGRAM_ALLOWED_CHATS: '42, 43, 77'
  })
  const deliver = (body: unknown, secret: string | null = SECRET) => app.inject({
    method: 'POST',
    url: '/v1/integrations/telegram/webhook',
    headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
    payload: body as object
  })
  const sent = (chatId: number) => bot.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === String(chatId))
  async function waitFor (check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 1000 && !check(); i++) await sleep(10)
    if (!check()) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(bot.calls)}`)
  }

  await t.test('a wrong or missing secret is 401 and sends nothing', async (t) => {
    for (const secret of ['wrong', null, SECRET + 'x']) {
      const res = await deliver(update(1, 42, 'hello'), secret)
      t.equal(res.statusCode, 401)
      t.equal(res.json().code, 'UNAUTHORIZED')
    }
    await sleep(50)
    t.equal(bot.calls.length, 0, 'no Bot API call')
  })

  await t.test('a message gets the reply in its chat, with typing first; a redelivery gets no second reply', async (t) => {
    const res = await deliver(update(1, 42, 'hello bot'))
    t.equal(res.statusCode, 200)
    t.same(res.json(), { ok: true })
    await waitFor(() => sent(42).length === 1, 'the reply')
    t.equal(sent(42)[0]?.body.text, 'Echo: hello bot')
    t.equal(bot.calls[0]?.token, TOKEN)
    t.same(bot.calls.find((c) => c.method === 'sendChatAction')?.body, { chat_id: '42', action: 'typing' })
    t.equal((await deliver(update(1, 42, 'hello bot'))).statusCode, 200, 'the redelivery is accepted')
    t.equal((await deliver(update(2, 42, 'second'))).statusCode, 200)
    await waitFor(() => sent(42).length >= 2, 'the second reply')
    await sleep(100)
    t.same(sent(42).map((c) => c.body.text), ['Echo: hello bot', 'Echo: second'], 'update 1 answered once')
    const conversations = await app.db.collection('conversations').find({ chatId: '42', ownerId: 'integration:telegram' }).toArray()
    t.equal(conversations.length, 1)
    t.equal(conversations[0]?.platform, 'telegram')
    t.equal(conversations[0]?.userId, '1042')
    t.equal(conversations[0]?.messageCount, 4)
  })

  await t.test('a long reply is split on paragraph boundaries', async (t) => {
    await deliver(update(3, 43, 'say something long'))
    await waitFor(() => sent(43).length >= 2, 'the parts')
    await sleep(100)
    const parts = sent(43).map((c) => c.body.text ?? '')
    t.equal(parts.length, 2)
    t.ok(parts.every((p) => p.length <= 4096))
    t.equal(parts.join('\n\n'), [PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH].join('\n\n'), 'cut between paragraphs only')
  })

  await t.test('a 429 from the Bot API is retried after retry_after', async (t) => {
    bot.failures.push({ method: 'sendMessage', status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } })
    const before = Date.now()
    await deliver(update(4, 42, 'rate me'))
    await waitFor(() => sent(42).some((c) => c.body.text === 'Echo: rate me' && bot.failures.length === 0) && sent(42).filter((c) => c.body.text === 'Echo: rate me').length === 2, 'the retried send')
    t.ok(Date.now() - before >= 1000, 'waited retry_after')
    bot.failures.push({ method: 'sendMessage', status: 502, body: { ok: false, description: 'Bad Gateway' } })
    await deliver(update(5, 42, 'flaky'))
    await waitFor(() => sent(42).filter((c) => c.body.text === 'Echo: flaky').length === 2, 'the send retried after a 502')
    t.equal(bot.failures.length, 0)
  })

  await t.test('/new starts a new conversation; /start, /help, non-text and other chats', async (t) => {
    await deliver(update(10, 77, 'first topic'))
    await waitFor(() => sent(77).length === 1, 'the first reply')
    await deliver(update(11, 77, '/new'))
    await waitFor(() => sent(77).length === 2, 'the /new answer')
    t.equal(sent(77)[1]?.body.text, NEW_CONVERSATION)
    await deliver(update(12, 77, 'second topic'))
    await waitFor(() => sent(77).length === 3, 'the reply in the new conversation')
    const conversations = await app.db.collection('conversations').find({ chatId: '77', ownerId: 'integration:telegram' }).toArray()
    t.equal(conversations.length, 2, 'two conversations for the chat')
    await deliver(update(13, 77, '/help@AcaiBot'))
    await deliver(update(14, 77, '/start'))
    await deliver(update(15, 77))
    await waitFor(() => sent(77).length === 6, 'the three answers')
    t.same(sent(77).slice(3).map((c) => c.body.text).sort(), [HELP_TEXT, HELP_TEXT, TEXT_ONLY].sort())
    const calls = bot.calls.length
    await deliver(update(16, 99, 'let me in'))
    await deliver({ update_id: 17, channel_post: { text: 'x' } })
    await sleep(100)
    t.equal(bot.calls.length, calls, 'a chat outside TELEGRAM_ALLOWED_CHATS and an update without a message are ignored')
  })

  await t.test('the model unavailable: the chat is told so', async (t) => {
    llm.script.push(answers.error(400), answers.error(400))
    llm.responder = () => answers.error(400)
    await deliver(update(20, 42, 'are you there'))
    await waitFor(() => sent(42).some((c) => c.body.text === UNAVAILABLE), 'the apology')
    t.equal(sent(42).at(-1)?.body.text, UNAVAILABLE, 'told the model is unavailable')
  })
})

test('the webhook is 404 without a token; token settings are checked at start-up', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/v1/integrations/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload: { update_id: 1 } })
  t.equal(res.statusCode, 404)
  t.equal(await readTelegramConfig({}), undefined)
  await t.rejects(readTelegramConfig({ TELEGRAM_BOT_TOKEN: 'a', TELEGRAM_BOT_TOKEN_FILE: '/x' }), /both set/)
  await t.rejects(readTelegramConfig({ TELEGRAM_BOT_TOKEN: 'a' }), /TELEGRAM_WEBHOOK_SECRET is required/)
  await t.rejects(readTelegramConfig({ TELEGRAM_BOT_TOKEN_FILE: '/nonexistent/token', TELEGRAM_WEBHOOK_SECRET: 's' }), /cannot read/)
  const dir = await mkdtemp(join(tmpdir(), 'acai-telegram-'))
  await writeFile(join(dir, 'token'), `${TOKEN}\n`)
  await writeFile(join(dir, 'empty'), '\n')
  t.same(await readTelegramConfig({ TELEGRAM_BOT_TOKEN_FILE: join(dir, 'token'), TELEGRAM_WEBHOOK_SECRET: 's' }), { token: TOKEN, secret: 's' })
  await t.rejects(readTelegramConfig({ TELEGRAM_BOT_TOKEN_FILE: join(dir, 'empty'), TELEGRAM_WEBHOOK_SECRET: 's' }), /is empty/)
  await t.rejects(build(t, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BOT_TOKEN_FILE: join(dir, 'token'), TELEGRAM_WEBHOOK_SECRET: SECRET }), /both set/)
})

test('splitMessage', async (t) => {
  t.same(splitMessage('short'), ['short'])
  t.same(splitMessage('aaaa\nbbbb', 6), ['aaaa', 'bbbb'], 'at a line end without paragraphs')
  t.same(splitMessage('aaa bbb', 5), ['aaa', 'bbb'], 'at a space')
  t.same(splitMessage('abcdefgh', 3), ['abc', 'def', 'gh'], 'hard cut without any boundary')
})
