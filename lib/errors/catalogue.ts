import createError from '@fastify/error'

// The error catalogue. Every error the service raises on purpose is one of these; the error handler turns
// them (and Fastify's own errors) into the one `ErrorResponse` shape of DESIGN.md 3.4.

export const UnauthorizedError = createError('UNAUTHORIZED', 'A valid API key is required', 401)
// 401 for a key that requires signed requests, naming what is wrong with the signature (lib/signing).
export const SignatureError = createError<[string]>('INVALID_SIGNATURE', '%s', 401)
export const ForbiddenError = createError<[string]>('FORBIDDEN', 'This API key lacks the %s scope', 403)
export const NotFoundError = createError<[string]>('NOT_FOUND', '%s not found', 404)
export const ConflictError = createError<[string]>('CONFLICT', '%s', 409)
export const UnprocessableError = createError<[string]>('UNPROCESSABLE', '%s', 422)

const ServiceUnavailableBase = createError<[string]>('SERVICE_UNAVAILABLE', '%s is temporarily unavailable', 503)

// 503s always tell the client when to come back (DESIGN.md 3.4).
export class ServiceUnavailableError extends ServiceUnavailableBase {
  readonly retryAfterSeconds: number
  constructor (dependency: string, retryAfterSeconds = 5) {
    super(dependency)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

// 429 from the per-IP and per-key rate limits; the limiter sets Retry-After and RateLimit-* itself.
export const RateLimitedError = createError<[string]>('RATE_LIMITED', 'Rate limit exceeded, retry in %s', 429)

// 400 for a request the schema accepts but the service cannot use (an unknown list cursor).
export const BadRequestError = createError<[string]>('BAD_REQUEST', '%s', 400)

// The assistant could not answer (model down, circuit open). The user's message is stored; when the
// conversation is known the client is told where to ask for the reply later (POST .../reply).
export class AssistantUnavailableError extends ServiceUnavailableError {
  readonly conversationId: string | undefined
  constructor (conversationId?: string, retryAfterSeconds = 5) {
    super('The assistant', retryAfterSeconds)
    this.conversationId = conversationId
  }
}
