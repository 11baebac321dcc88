// The Telegram Bot API client: POST {base}/bot{token}/{method} with a JSON body over an undici Agent with
// timeouts, retried by a cockatiel policy on network errors, 429 and 5xx, waiting the `retry_after` a 429
// names. The token is never put into errors or logs.
import { Agent, request, type Dispatcher } from 'undici'
import { handleWhen, retry, type IBackoff, type IRetryBackoffContext } from 'cockatiel'

export class BotApiError extends Error {
  readonly status: number
  readonly retryAfterSeconds: number | undefined
  constructor (method: string, status: number, description: string, retryAfterSeconds?: number) {
    super(`Telegram ${method} failed: ${status} ${description}`)
    this.name = 'BotApiError'
    this.status = status
    this.retryAfterSeconds = retryAfterSeconds
  }
}

export interface BotApiOptions {
  token: string
  /** https://api.telegram.org unless TELEGRAM_API_BASE_URL says otherwise */
  baseUrl: string
  timeoutMs: number
  /** attempts per call, the first included */
  maxAttempts?: number
  /** back-off without a retry_after, in ms (doubled per attempt) */
  baseDelayMs?: number
  /** longest honoured retry_after, in seconds */
  maxRetryAfterSeconds?: number
  dispatcher?: Dispatcher
}

export interface BotApi {
  call: <T = unknown>(method: string, body: Record<string, unknown>) => Promise<T>
  sendMessage: (chatId: number | string, text: string) => Promise<unknown>
  sendChatAction: (chatId: number | string, action: 'typing') => Promise<unknown>
  close: () => Promise<void>
}

const retryable = (err: unknown): boolean => !(err instanceof BotApiError) || err.status === 429 || err.status >= 500

// Waits what the failed attempt's 429 asked for, else an exponential back-off.
function backoff (attempt: number, baseDelayMs: number, maxRetryAfterSeconds: number, last?: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
  const error = last !== undefined && 'error' in last.result ? last.result.error : undefined
  const retryAfter = error instanceof BotApiError ? error.retryAfterSeconds : undefined
  return {
    duration: retryAfter !== undefined ? Math.min(retryAfter, maxRetryAfterSeconds) * 1000 : baseDelayMs * 2 ** attempt,
    next: (context) => backoff(attempt + 1, baseDelayMs, maxRetryAfterSeconds, context)
  }
}

export function createBotApi ({ token, baseUrl, timeoutMs, maxAttempts = 4, baseDelayMs = 250, maxRetryAfterSeconds = 30, dispatcher }: BotApiOptions): BotApi {
  const agent = dispatcher ?? new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 10_000 })
  const policy = retry(handleWhen(retryable), {
    maxAttempts: maxAttempts - 1,
    backoff: { next: (context: IRetryBackoffContext<unknown>) => backoff(0, baseDelayMs, maxRetryAfterSeconds, context) }
  })
  const base = baseUrl.replace(/\/+$/, '')

  async function once<T> (method: string, body: Record<string, unknown>): Promise<T> {
    const res = await request(`${base}/bot${token}/${method}`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs)
    })
    const text = await res.body.text()
    let parsed: { ok?: boolean, result?: T, description?: string, parameters?: { retry_after?: number } } = {}
    try { parsed = JSON.parse(text) } catch {}
    if (res.statusCode >= 200 && res.statusCode < 300 && parsed.ok === true) return parsed.result as T
    throw new BotApiError(method, res.statusCode, parsed.description ?? 'unreadable answer', parsed.parameters?.retry_after)
  }

  const call = <T>(method: string, body: Record<string, unknown>): Promise<T> => policy.execute(() => once<T>(method, body))
  return {
    call,
    sendMessage: (chatId, text) => call('sendMessage', { chat_id: chatId, text }),
    sendChatAction: (chatId, action) => call('sendChatAction', { chat_id: chatId, action }),
    close: async () => { if (dispatcher === undefined) await agent.close() }
  }
}
