import { STATUS_CODES } from 'node:http'
import { isBrokenCircuitError, isIsolatedCircuitError } from 'cockatiel'
import { ServiceUnavailableError } from './catalogue.js'
import { isDatabaseUnavailable } from './database-errors.js'
import { UpstreamResponseError, UpstreamStatusError, UpstreamTimeoutError } from '../resilience/errors.js'

export interface ErrorReply {
  statusCode: number
  code: string
  error: string
  message: string
  retryAfterSeconds?: number
}

interface ErrorLike { name?: unknown, code?: unknown, statusCode?: unknown, message?: unknown, validation?: unknown }

const DEFAULT_RETRY_AFTER_SECONDS = 5

function reasonPhrase (statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error'
}

// Maps anything thrown inside a request to the one error shape (DESIGN.md 3.4). Client errors keep their
// message; server errors get a generic one, the details stay in the log.
export function toErrorReply (thrown: unknown): ErrorReply {
  const err: ErrorLike = typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }
  const message = typeof err.message === 'string' ? err.message : ''

  if (thrown instanceof ServiceUnavailableError) {
    return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: reasonPhrase(503), message, retryAfterSeconds: thrown.retryAfterSeconds }
  }
  // A dependency down right now is never the client's fault nor a bug: 503 + Retry-After. cockatiel's
  // circuit errors keep the name 'Error', so they are recognised by its own predicates.
  const databaseDown = isDatabaseUnavailable(thrown)
  // lib/resilience's failures of an outbound call (deadline passed, error status, unreadable answer) are
  // the dependency's, whatever status it answered: never passed on as the client's 4xx or as a 500.
  const dependencyFailed = thrown instanceof UpstreamTimeoutError || thrown instanceof UpstreamStatusError || thrown instanceof UpstreamResponseError
  if (databaseDown || dependencyFailed || isBrokenCircuitError(thrown) || isIsolatedCircuitError(thrown)) {
    const what = databaseDown ? 'The database' : 'A dependency'
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      error: reasonPhrase(503),
      message: `${what} is temporarily unavailable`,
      retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS
    }
  }

  const statusCode = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
  if (statusCode >= 500) {
    const code = statusCode === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR'
    const reply: ErrorReply = { statusCode, code, error: reasonPhrase(statusCode), message: reasonPhrase(statusCode) }
    if (statusCode === 503) reply.retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS
    return reply
  }
  const code = err.validation !== undefined
    ? 'FST_ERR_VALIDATION'
    : typeof err.code === 'string' ? err.code : reasonPhrase(statusCode).toUpperCase().replace(/[^A-Z]+/g, '_')
  return { statusCode, code, error: reasonPhrase(statusCode), message }
}
