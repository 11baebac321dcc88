// A small HTTP client of the acai API for the terminal clients (`acai chat`, `acai conversations`):
// the API key on every request, 429 answered by waiting for Retry-After, errors in the API's one shape.
import { setTimeout as sleep } from 'node:timers/promises'

export interface ApiClientOptions {
  baseUrl: string
  apiKey: string | undefined
  /** Told when a 429 makes the client wait (seconds). */
  onWait?: (seconds: number) => void
  /** Longest wait for one Retry-After, in seconds. */
  maxWaitSeconds?: number
  /** How many 429s in a row are waited out before the 429 is returned. */
  maxRateLimitWaits?: number
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH'
  path: string
  body?: unknown
  idempotencyKey?: string
  accept?: string
  signal?: AbortSignal
}

/** An error answer of the API: `{ statusCode, code, error, message }`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly location: string | null
  constructor (status: number, code: string, message: string, location: string | null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.location = location
  }
}

export interface ApiClient {
  baseUrl: string
  /** The raw response of a 2xx; an ApiError otherwise. */
  send: (request: ApiRequest) => Promise<Response>
  json: <T>(request: ApiRequest) => Promise<T>
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); 1 when absent or unreadable. */
export function retryAfterSeconds (value: string | null, now = Date.now()): number {
  if (value === null || value.trim() === '') return 1
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - now) / 1000))
}

async function toApiError (res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '')
  let code = `HTTP_${res.status}`
  let message = text === '' ? res.statusText : text
  try {
    const body = JSON.parse(text) as { code?: unknown, message?: unknown }
    if (typeof body.code === 'string') code = body.code
    if (typeof body.message === 'string') message = body.message
  } catch {}
  return new ApiError(res.status, code, message, res.headers.get('location'))
}

export function createApiClient ({ baseUrl, apiKey, onWait = () => {}, maxWaitSeconds = 60, maxRateLimitWaits = 5 }: ApiClientOptions): ApiClient {
  const base = baseUrl.replace(/\/+$/, '')
  async function send (request: ApiRequest): Promise<Response> {
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json' }
    if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`
    if (request.body !== undefined) headers['content-type'] = 'application/json'
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey
    for (let waits = 0; ; waits++) {
      const init: RequestInit = { method: request.method, headers }
      if (request.body !== undefined) init.body = JSON.stringify(request.body)
      if (request.signal !== undefined) init.signal = request.signal
      const res = await fetch(base + request.path, init)
      if (res.ok) return res
      if (res.status === 429 && waits < maxRateLimitWaits) {
        const seconds = Math.min(maxWaitSeconds, retryAfterSeconds(res.headers.get('retry-after')))
        await res.body?.cancel()
        onWait(seconds)
        await sleep(seconds * 1000, undefined, request.signal === undefined ? {} : { signal: request.signal })
        continue
      }
      throw await toApiError(res)
    }
  }
  return {
    baseUrl: base,
    send,
    async json<T> (request: ApiRequest): Promise<T> {
      const res = await send(request)
      if (res.status === 204) return undefined as T
      return await res.json() as T
    }
  }
}
