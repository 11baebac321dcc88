import { test } from 'tap'
import { circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel'
import { toErrorReply } from '../../../lib/errors/error-reply.js'
import { createResiliencePolicy, UpstreamResponseError, UpstreamStatusError, UpstreamTimeoutError } from '../../../lib/resilience/index.js'
import { otherErrors, serverSelectionError, unavailableErrors } from './driver-errors.js'
import { ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError, UnauthorizedError, UnprocessableError } from '../../../lib/errors/catalogue.js'

test('catalogue errors keep their status, code and message', async (t) => {
  t.same(toErrorReply(new UnauthorizedError()), { statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized', message: 'A valid API key is required' })
  t.same(toErrorReply(new ForbiddenError('metrics')), { statusCode: 403, code: 'FORBIDDEN', error: 'Forbidden', message: 'This API key lacks the metrics scope' })
  t.same(toErrorReply(new NotFoundError('Conversation')), { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'Conversation not found' })
  t.equal(toErrorReply(new ConflictError('taken')).statusCode, 409)
  t.equal(toErrorReply(new UnprocessableError('nope')).statusCode, 422)
})

test('ServiceUnavailableError is 503 with its Retry-After', async (t) => {
  t.same(toErrorReply(new ServiceUnavailableError('MongoDB', 7)), {
    statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable', message: 'MongoDB is temporarily unavailable', retryAfterSeconds: 7
  })
})

test('MongoDB connectivity errors are 503 with Retry-After and a generic message, never 500', async (t) => {
  const errors = { ...unavailableErrors(), MongoServerSelectionError: await serverSelectionError() }
  for (const [name, err] of Object.entries(errors)) {
    const reply = toErrorReply(err)
    t.equal(reply.statusCode, 503, name)
    t.equal(reply.message, 'The database is temporarily unavailable', `${name}: generic message`)
    t.equal(reply.retryAfterSeconds, 5)
  }
})

test('a duplicate key or a validation failure stays a logic error (500 unless a route maps it)', async (t) => {
  for (const [what, err] of Object.entries(otherErrors())) {
    t.same(toErrorReply(err), { statusCode: 500, code: 'INTERNAL_ERROR', error: 'Internal Server Error', message: 'Internal Server Error' }, what)
  }
})

test('an open or isolated cockatiel circuit is 503 with Retry-After, never 500', async (t) => {
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 60_000, breaker: new ConsecutiveBreaker(1) })
  await t.rejects(breaker.execute(() => { throw new Error('upstream down') }))
  const broken = await breaker.execute(() => 'never runs').catch((err: unknown) => err)
  const circuit = toErrorReply(broken)
  t.equal(circuit.statusCode, 503)
  t.equal(circuit.code, 'SERVICE_UNAVAILABLE')
  t.equal(circuit.message, 'A dependency is temporarily unavailable')
  t.equal(circuit.retryAfterSeconds, 5)

  const isolation = breaker.isolate()
  const isolated = await breaker.execute(() => 'never runs').catch((err: unknown) => err)
  isolation.dispose()
  t.equal(toErrorReply(isolated).statusCode, 503)
})

test('what the resilience policy throws for a failed dependency is 503 with Retry-After', async (t) => {
  const policy = createResiliencePolicy({ timeoutMs: 1000, maxRetries: 0, threshold: 1, halfOpenAfterMs: 60_000 })
  const failed = await policy.execute(() => Promise.reject(new UpstreamStatusError('the model', 404))).catch((err: unknown) => err)
  await t.rejects(policy.execute(() => Promise.reject(new UpstreamStatusError('the model', 500))))
  const open = await policy.execute(async () => 'never runs').catch((err: unknown) => err)
  for (const err of [failed, open, new UpstreamTimeoutError(3000), new UpstreamResponseError('not JSON')]) {
    t.match(toErrorReply(err), { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'A dependency is temporarily unavailable', retryAfterSeconds: 5 })
  }
})

test('unexpected errors are 500 with a generic message', async (t) => {
  t.same(toErrorReply(new TypeError('cannot read x of undefined')), { statusCode: 500, code: 'INTERNAL_ERROR', error: 'Internal Server Error', message: 'Internal Server Error' })
  t.equal(toErrorReply('a string').statusCode, 500)
  t.equal(toErrorReply(null).statusCode, 500)
  t.equal(toErrorReply(Object.assign(new Error('x'), { statusCode: 200 })).statusCode, 500, 'a non-error status is not trusted')
})

test('any other 5xx keeps its status but not its message; a bare 503 still gets Retry-After', async (t) => {
  t.same(toErrorReply(Object.assign(new Error('upstream said: secret'), { statusCode: 502 })), { statusCode: 502, code: 'INTERNAL_ERROR', error: 'Bad Gateway', message: 'Bad Gateway' })
  const bare = toErrorReply(Object.assign(new Error('overloaded'), { statusCode: 503 }))
  t.equal(bare.code, 'SERVICE_UNAVAILABLE')
  t.equal(bare.retryAfterSeconds, 5)
})

test('Fastify client errors keep their code; validation errors are FST_ERR_VALIDATION', async (t) => {
  const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })
  t.same(toErrorReply(tooLarge), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', error: 'Payload Too Large', message: 'Request body is too large' })
  const validation = Object.assign(new Error("body must have required property 'content'"), { statusCode: 400, validation: [] })
  t.equal(toErrorReply(validation).code, 'FST_ERR_VALIDATION')
})

test('a 4xx without a code gets one from its reason phrase', async (t) => {
  t.same(toErrorReply({ statusCode: 429, message: 'Rate limit exceeded, retry in 1 second' }), {
    statusCode: 429, code: 'TOO_MANY_REQUESTS', error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 1 second'
  })
})
