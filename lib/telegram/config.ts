// The Telegram integration's configuration: a token from TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE
// (not both), and the webhook secret it cannot do without. Wrong settings stop start-up, naming the variable.
import { readFile } from 'node:fs/promises'

export interface TelegramEnv {
  TELEGRAM_BOT_TOKEN?: string | undefined
  TELEGRAM_BOT_TOKEN_FILE?: string | undefined
  TELEGRAM_WEBHOOK_SECRET?: string | undefined
}

/** The token and secret, or undefined when the integration is off (no token configured). */
export async function readTelegramConfig (env: TelegramEnv): Promise<{ token: string, secret: string } | undefined> {
  const { TELEGRAM_BOT_TOKEN: inline, TELEGRAM_BOT_TOKEN_FILE: file, TELEGRAM_WEBHOOK_SECRET: secret } = env
  if (inline !== undefined && file !== undefined) throw new Error('TELEGRAM_BOT_TOKEN and TELEGRAM_BOT_TOKEN_FILE are both set: set only one of them')
  let token = inline
  if (file !== undefined) {
    try {
      token = (await readFile(file, 'utf8')).trim()
    } catch (err) {
      throw new Error(`TELEGRAM_BOT_TOKEN_FILE: cannot read ${file} (${err instanceof Error && 'code' in err ? String(err.code) : String(err)})`)
    }
    if (token === '') throw new Error(`TELEGRAM_BOT_TOKEN_FILE: ${file} is empty`)
  }
  if (token === undefined) return undefined
  if (secret === undefined) throw new Error('TELEGRAM_WEBHOOK_SECRET is required when a Telegram bot token is set: the webhook is verified with it')
  return { token, secret }
}
