// `acai telegram set-webhook` against a fake Bot API.
import { test } from 'tap'
import { createServer } from 'node:http'
import { telegramCommand } from '../../lib/telegram/set-webhook-cli.js'
import { listenOnLoopback } from '../free-port.js'

test('acai telegram set-webhook registers the URL with the secret', async (t) => {
  const calls: Array<{ url: string, body: unknown }> = []
  let status = 200
  const server = createServer((req, res) => {
    let text = ''
    req.on('data', (c) => { text += String(c) })
    req.on('end', () => {
      calls.push({ url: req.url ?? '', body: JSON.parse(text) })
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { ok: true, result: true } : { ok: false, description: 'Bad Request: bad webhook' }))
    })
  })
  const port = await listenOnLoopback(server)
  t.teardown(() => server.close())
  const env = { TELEGRAM_BOT_TOKEN: '1:tok', TELEGRAM_WEBHOOK_SECRET: 'sec', TELEGRAM_API_BASE_URL: `http://127.0.0.1:${port}` }
  const run = async (argv: string[], e: Record<string, string> = env) => {
    let out = ''
    let err = ''
    const code = await telegramCommand(argv, e, { out: (s) => { out += s }, err: (s) => { err += s } })
    return { code, out, err }
  }
  const ok = await run(['set-webhook', '--url', 'https://bot.example.com/v1/integrations/telegram/webhook'])
  t.same(ok, { code: 0, out: 'webhook set: https://bot.example.com/v1/integrations/telegram/webhook', err: '' })
  t.same(calls[0], { url: '/bot1:tok/setWebhook', body: { url: 'https://bot.example.com/v1/integrations/telegram/webhook', secret_token: 'sec', allowed_updates: ['message', 'edited_message'] } })
  status = 400
  const refused = await run(['set-webhook', '--url', 'https://x.example'])
  t.equal(refused.code, 1)
  t.match(refused.err, /setWebhook failed: 400 Bad Request: bad webhook/)
  t.equal(calls.length, 2, 'a 400 is not retried')
  t.match((await run(['set-webhook', '--url', 'http://insecure'])).err, /--url https/)
  t.match((await run(['set-webhook', '--url', 'https://x'], {})).err, /TELEGRAM_BOT_TOKEN .* is not set/)
  t.equal((await run([])).code, 1)
  t.equal((await run(['frob'])).code, 1)
  t.equal((await run(['--help'])).code, 0)
})
