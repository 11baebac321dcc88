// What the Telegram webhook does with one update, framework-free: text becomes a session message of the
// chat (platform "telegram"), its reply goes back through sendMessage (split at 4,096 characters), with
// `typing` shown while the assistant works. /start and /help describe the bot, /new resets the chat's
// session, anything but text gets a short answer, chats outside the allow-list are ignored.
import { timingSafeEqual, createHash } from 'node:crypto'
import type { BotApi } from './bot-api.js'
import { splitMessage } from './split.js'

export interface TelegramMessage {
  message_id: number
  chat: { id: number }
  from?: { id: number }
  text?: string
}

export interface TelegramUpdate {
  update_id: number
  message?: TelegramMessage
  edited_message?: TelegramMessage
}

export interface SessionReply {
  text: string
  /** the update was handled before (Telegram redelivered it): its reply was already sent */
  replayed: boolean
}

export interface TelegramWebhookDeps {
  bot: BotApi
  /** chat ids allowed to talk to the bot; undefined: every chat */
  allowedChats: ReadonlySet<string> | undefined
  /** the session turn, once per update id */
  reply: (input: { updateId: number, chatId: string, userId: string | undefined, text: string }) => Promise<SessionReply>
  reset: (chatId: string) => Promise<void>
  /** true when the error means the model is unavailable (503) */
  isUnavailable: (err: unknown) => boolean
  onError: (err: unknown, updateId: number) => void
  typingIntervalMs?: number
}

export const HELP_TEXT = [
  'Hi! I am Acai, an assistant. Ask me anything in plain text: I can tell the date and time anywhere,',
  'public holidays and the weather, and I remember this conversation.',
  '',
  '/new starts a fresh conversation; /help shows this message.'
].join('\n')
export const TEXT_ONLY = 'Sorry, I can only read text messages.'
export const NEW_CONVERSATION = 'Started a new conversation. What would you like to talk about?'
export const UNAVAILABLE = 'The assistant is unavailable right now. Please try again in a minute.'

/** Compares the secret header in constant time (hashes first, so lengths do not leak either). */
export function secretMatches (presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** TELEGRAM_ALLOWED_CHATS: comma-separated chat ids; empty or unset allows every chat. */
export function parseAllowedChats (value: string | undefined): ReadonlySet<string> | undefined {
  const ids = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  return ids.length === 0 ? undefined : new Set(ids)
}

function command (text: string): string | undefined {
  if (!text.startsWith('/')) return undefined
  return text.split(/\s/, 1)[0]?.split('@', 1)[0]?.toLowerCase()
}

export function createTelegramWebhook (deps: TelegramWebhookDeps): { handle: (update: TelegramUpdate) => Promise<void> } {
  const { bot, typingIntervalMs = 4000 } = deps
  const send = async (chatId: string, text: string): Promise<void> => {
    for (const part of splitMessage(text)) await bot.sendMessage(chatId, part)
  }

  async function converse (update: TelegramUpdate, message: TelegramMessage & { text: string }, chatId: string): Promise<void> {
    const typing = (): void => { bot.sendChatAction(chatId, 'typing').catch(() => {}) }
    typing()
    const timer = setInterval(typing, typingIntervalMs)
    let result: SessionReply
    try {
      result = await deps.reply({ updateId: update.update_id, chatId, userId: message.from === undefined ? undefined : String(message.from.id), text: message.text })
    } catch (err) {
      if (!deps.isUnavailable(err)) throw err
      result = { text: UNAVAILABLE, replayed: false }
    } finally {
      clearInterval(timer)
    }
    if (!result.replayed) await send(chatId, result.text)
  }

  async function handle (update: TelegramUpdate): Promise<void> {
    const message = update.message ?? update.edited_message
    if (message === undefined) return
    const chatId = String(message.chat.id)
    if (deps.allowedChats !== undefined && !deps.allowedChats.has(chatId)) return
    try {
      const text = message.text?.trim()
      if (text === undefined || text === '') return await send(chatId, TEXT_ONLY)
      const name = command(text)
      if (name === '/start' || name === '/help') return await send(chatId, HELP_TEXT)
      if (name === '/new') {
        await deps.reset(chatId)
        return await send(chatId, NEW_CONVERSATION)
      }
      await converse(update, { ...message, text }, chatId)
    } catch (err) {
      deps.onError(err, update.update_id)
    }
  }
  return { handle }
}
