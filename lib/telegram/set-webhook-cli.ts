// `acai telegram set-webhook --url https://.../v1/integrations/telegram/webhook`: registers the webhook
// with Telegram (setWebhook) together with TELEGRAM_WEBHOOK_SECRET, so Telegram sends it on every update.
import { parseArgs } from 'node:util'
import { processIo, type CliIo, usageError } from '../cli/io.js'
import { createBotApi } from './bot-api.js'
import { readTelegramConfig } from './config.js'

const USAGE = `usage: acai telegram set-webhook --url https://HOST/v1/integrations/telegram/webhook

Registers the webhook with the Bot API, with TELEGRAM_WEBHOOK_SECRET as its secret token. Needs
TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE) and TELEGRAM_WEBHOOK_SECRET; TELEGRAM_API_BASE_URL is honoured.`

export async function telegramCommand (argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let url: string
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    if (values.help === true) { io.out(USAGE); return 0 }
    if (positionals[0] !== 'set-webhook' || positionals.length !== 1) throw new Error(positionals[0] === undefined ? 'missing command' : `unknown command '${positionals.join(' ')}'`)
    if (values.url === undefined || !/^https:\/\/\S+$/.test(values.url)) throw new Error('--url https://... is required (Telegram only calls HTTPS webhooks)')
    url = values.url
  } catch (err) {
    return usageError(io, 'acai telegram', err, USAGE)
  }
  try {
    const settings = await readTelegramConfig(env)
    if (settings === undefined) throw new Error('TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE) is not set')
    const bot = createBotApi({ token: settings.token, baseUrl: env.TELEGRAM_API_BASE_URL ?? 'https://api.telegram.org', timeoutMs: 10_000 })
    try {
      await bot.call('setWebhook', { url, secret_token: settings.secret, allowed_updates: ['message', 'edited_message'] })
    } finally {
      await bot.close()
    }
    io.out(`webhook set: ${url}`)
    return 0
  } catch (err) {
    io.err(`acai telegram: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

export async function run (argv: string[]): Promise<number> {
  return telegramCommand(argv, process.env, processIo)
}
