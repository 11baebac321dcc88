// The smoke test's HTTP client: JSON in and out, a per-request deadline, and the patience of a polite
// client: a 429 is waited out (Retry-After) and retried, so the smoke test's own requests never trip the
// per-IP limit it checks separately.
export interface SmokeResponse { status: number, headers: Headers, text: string, json: () => unknown }

export interface SmokeClientOptions {
  baseUrl: string
  timeoutMs?: number
  /** How often a 429 is waited out before it counts as the answer. */
  rateLimitRetries?: number
  sleep?: (ms: number) => Promise<void>
}

export interface RequestOptions { method?: string, headers?: Record<string, string>, body?: unknown, retryRateLimited?: boolean }

export type SmokeClient = (path: string, options?: RequestOptions) => Promise<SmokeResponse>

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Seconds from Retry-After (delta-seconds form), at least 1 and at most 10: a smoke test must finish. */
export function retryAfterMs (value: string | null): number {
  const seconds = Number(value)
  return Math.min(Math.max(Number.isFinite(seconds) ? seconds : 1, 1), 10) * 1000
}

export function createSmokeClient ({ baseUrl, timeoutMs = 10_000, rateLimitRetries = 3, sleep = defaultSleep }: SmokeClientOptions): SmokeClient {
  const base = baseUrl.replace(/\/+$/, '')
  return async function request (path, { method = 'GET', headers = {}, body, retryRateLimited = true } = {}) {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs)
      })
      const text = await response.text()
      if (response.status === 429 && retryRateLimited && attempt < rateLimitRetries) {
        await sleep(retryAfterMs(response.headers.get('retry-after')))
        continue
      }
      return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
    }
  }
}
