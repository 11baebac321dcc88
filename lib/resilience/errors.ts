// Failures of calls to other services (the weather API, later the language model), classified once so
// every client retries and opens circuits by the same rules: network errors, 429 and 5xx are transient
// (worth a retry); a 4xx is the request's fault, not the dependency's; a timeout or an unreadable answer
// is the dependency failing, but retrying it within the same deadline does not help.

/** The dependency answered, but not with success. */
export class UpstreamStatusError extends Error {
  override name = 'UpstreamStatusError'
  readonly status: number
  /** from the answer's Retry-After header, when it had a usable one */
  readonly retryAfterMs: number | undefined

  constructor (service: string, status: number, retryAfterMs?: number) {
    super(`${service} answered HTTP ${status}`)
    this.status = status
    this.retryAfterMs = retryAfterMs
  }
}

/** The dependency answered with success, but with a body that cannot be used (not JSON, wrong shape). */
export class UpstreamResponseError extends Error {
  override name = 'UpstreamResponseError'
}

/** The call's overall deadline passed before the dependency answered. */
export class UpstreamTimeoutError extends Error {
  override name = 'UpstreamTimeoutError'
  readonly timeoutMs: number

  constructor (timeoutMs: number, options?: ErrorOptions) {
    super(`no answer within ${timeoutMs} ms`, options)
    this.timeoutMs = timeoutMs
  }
}

// Connection-level failures (Node's and undici's codes): the request may never have reached the server,
// or its answer was cut. A per-attempt connect/headers/body timeout of the HTTP client is one of them.
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED'
])

interface ErrorFields { code?: unknown, status?: unknown, statusCode?: unknown, cause?: unknown, retryAfterMs?: unknown }

const fieldsOf = (value: unknown): ErrorFields | undefined => typeof value === 'object' && value !== null ? value : undefined

/** A connection-level failure, found on the error or a few levels down its `cause` chain. */
export function isNetworkError (error: unknown): boolean {
  let current = fieldsOf(error)
  for (let depth = 0; current !== undefined && depth < 4; depth++) {
    if (typeof current.code === 'string' && NETWORK_CODES.has(current.code)) return true
    current = fieldsOf(current.cause)
  }
  return false
}

/** The HTTP status an error carries (`status` as here and in the OpenAI SDK, or `statusCode`). */
export function statusOf (error: unknown): number | undefined {
  const fields = fieldsOf(error)
  const status = fields?.status ?? fields?.statusCode
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined
}

/** How long the dependency asked us to wait before trying again, if it said. */
export function retryAfterMsOf (error: unknown): number | undefined {
  const value = fieldsOf(error)?.retryAfterMs
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** Worth another attempt: a network error, 429 or 5xx. */
export function isTransientError (error: unknown): boolean {
  const status = statusOf(error)
  if (status !== undefined) return status === 429 || (status >= 500 && status <= 599)
  return isNetworkError(error)
}

/**
 * Counts against the dependency's health (the circuit breaker): everything but the request's own fault
 * (a 4xx other than 429) and the caller going away.
 */
export function isUpstreamFailure (error: unknown): boolean {
  const status = statusOf(error)
  if (status !== undefined && status >= 400 && status <= 499) return status === 429
  return !isAbortError(error)
}

/** An abort: the DOM AbortError, Node's ABORT_ERR or undici's request-aborted error. */
export function isAbortError (error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = fieldsOf(error)?.code
  return error.name === 'AbortError' || code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED'
}

/**
 * A Retry-After header value in milliseconds from `now`: delay-seconds ("120") or an HTTP date. Missing,
 * malformed or negative values give undefined; a date in the past gives 0.
 */
export function parseRetryAfter (value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (text === undefined || text === '') return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined
  return Math.max(0, at - now)
}
