// The Telegram integration's configuration: a token from TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE
// (not both), and the webhook secret it cannot do without. Wrong settings stop start-up, naming the variable.
import { resolveSecretFiles } from '../config/secret-files.js'

export interface TelegramEnv {
  TELEGRAM_BOT_TOKEN?: string | undefined
  TELEGRAM_BOT_TOKEN_FILE?: string | undefined
  TELEGRAM_WEBHOOK_SECRET?: string | undefined
}

/** The token and secret, or undefined when the integration is off (no token configured). */
export async function readTelegramConfig (env: TelegramEnv): Promise<{ token: string, secret: string } | undefined> {
  // The file twin is read as every secret's is (lib/config/secret-files.ts); the app has already done so,
  // `acai telegram` has not.
  const { TELEGRAM_BOT_TOKEN: token } = resolveSecretFiles({ TELEGRAM_BOT_TOKEN: env.TELEGRAM_BOT_TOKEN, TELEGRAM_BOT_TOKEN_FILE: env.TELEGRAM_BOT_TOKEN_FILE })
  if (token === undefined) return undefined
  const secret = env.TELEGRAM_WEBHOOK_SECRET
  if (secret === undefined) throw new Error('TELEGRAM_WEBHOOK_SECRET is required when a Telegram bot token is set: the webhook is verified with it')
  return { token, secret }
}
