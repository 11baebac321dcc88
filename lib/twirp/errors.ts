// Twirp errors (DESIGN.md 3.2): the Go service's clients read `{ code, msg, meta? }` and switch on `code`,
// so everything that fails under /twirp, whether thrown by the chat service, the auth and rate-limit
// hooks or Fastify's body parser, is mapped here onto the Twirp code and the status Twirp pairs with it.
import { toErrorReply } from '../errors/error-reply.js'
import { AssistantUnavailableError } from '../errors/catalogue.js'

// The codes of the Twirp specification this service answers with, each with its fixed HTTP status.
export const TWIRP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  aborted: 409,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503
} as const

export type TwirpCode = keyof typeof TWIRP_STATUS

export type TwirpMeta = Record<string, string>

export interface TwirpErrorBody { code: TwirpCode, msg: string, meta?: TwirpMeta }

export interface TwirpErrorReply {
  statusCode: number
  body: TwirpErrorBody
  /** For `unavailable`: the Retry-After header. */
  retryAfterSeconds?: number
}

/** An error raised by the Twirp adapter itself (request decoding, routing), already in Twirp terms. */
export class TwirpError extends Error {
  readonly code: TwirpCode
  readonly statusCode: number
  readonly meta: TwirpMeta | undefined

  constructor (code: TwirpCode, msg: string, meta?: TwirpMeta) {
    super(msg)
    this.name = 'TwirpError'
    this.code = code
    this.statusCode = TWIRP_STATUS[code]
    this.meta = meta
  }
}

/** `invalid_argument` naming the request field at fault, as the Go service's validation did. */
export function invalidArgument (argument: string, msg: string): TwirpError {
  return new TwirpError('invalid_argument', msg, { argument })
}

/** The body could not be decoded as the method's request message (Twirp `malformed`). */
export function malformed (detail?: string): TwirpError {
  const msg = 'the json request could not be decoded'
  return new TwirpError('malformed', detail === undefined ? msg : `${msg}: ${detail}`)
}

// Fastify's body-reading failures are the client's undecodable request, as in the Go server, which
// answered `malformed` for a body it could not read or parse (including one over its size limit).
const MALFORMED_FASTIFY_CODES = new Set([
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_BODY_TOO_LARGE',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
])

// 409 (an Idempotency-Key still in progress, a reply being produced) is a concurrency conflict, Twirp's
// `aborted`; 422 (an Idempotency-Key reused with another body) and other 4xx are the caller's arguments.
function codeForStatus (statusCode: number): TwirpCode {
  switch (statusCode) {
    case 401: return 'unauthenticated'
    case 403: return 'permission_denied'
    case 404: return 'not_found'
    case 409: return 'aborted'
    case 413: return 'malformed'
    case 415: return 'bad_route'
    case 429: return 'resource_exhausted'
    case 503: return 'unavailable'
    default: return statusCode >= 500 ? 'internal' : 'invalid_argument'
  }
}

function errorCode (thrown: unknown): string | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined
  const value: unknown = Reflect.get(thrown, 'code')
  return typeof value === 'string' ? value : undefined
}

/**
 * The Twirp reply for anything thrown while serving a Twirp request. Client errors keep their message;
 * server errors get the generic one of lib/errors/error-reply.ts (details stay in the log).
 */
export function toTwirpError (thrown: unknown): TwirpErrorReply {
  if (thrown instanceof TwirpError) {
    const body: TwirpErrorBody = { code: thrown.code, msg: thrown.message }
    if (thrown.meta !== undefined) body.meta = thrown.meta
    return { statusCode: thrown.statusCode, body }
  }
  const fastifyCode = errorCode(thrown)
  if (fastifyCode !== undefined && MALFORMED_FASTIFY_CODES.has(fastifyCode)) {
    return toTwirpError(malformed(fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'the body is too large' : undefined))
  }

  const reply = toErrorReply(thrown)
  const code = codeForStatus(reply.statusCode)
  const body: TwirpErrorBody = { code, msg: reply.message }
  // The user's message is stored; the id lets a client that never got it find the conversation.
  if (thrown instanceof AssistantUnavailableError && thrown.conversationId !== undefined) {
    body.meta = { conversation_id: thrown.conversationId }
  }
  const result: TwirpErrorReply = { statusCode: TWIRP_STATUS[code], body }
  if (code === 'unavailable') result.retryAfterSeconds = reply.retryAfterSeconds ?? 5
  return result
}
