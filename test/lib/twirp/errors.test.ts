import { test } from 'tap'
import { MongoNetworkError } from 'mongodb'
import { BrokenCircuitError } from 'cockatiel'
import {
  AssistantUnavailableError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnprocessableError
} from '../../../lib/errors/catalogue.js'
import { TWIRP_STATUS, TwirpError, invalidArgument, malformed, toTwirpError } from '../../../lib/twirp/errors.js'

function fastifyError (code: string, statusCode: number, message = 'fastify says no'): Error {
  return Object.assign(new Error(message), { code, statusCode })
}

test('a TwirpError answers its own code, message, meta and the code\'s status', async (t) => {
  t.same(toTwirpError(invalidArgument('message', 'message is required')), {
    statusCode: 400,
    body: { code: 'invalid_argument', msg: 'message is required', meta: { argument: 'message' } }
  })
  t.same(toTwirpError(new TwirpError('not_found', 'gone')), { statusCode: 404, body: { code: 'not_found', msg: 'gone' } }, 'no meta key without meta')
  t.same(toTwirpError(malformed('duplicate field message')).body, { code: 'malformed', msg: 'the json request could not be decoded: duplicate field message' })
})

test('the service\'s errors map onto the Twirp codes and statuses', async (t) => {
  const cases: Array<[Error, string, number, string]> = [
    [new UnauthorizedError(), 'unauthenticated', 401, 'A valid API key is required'],
    [new ForbiddenError('chat'), 'permission_denied', 403, 'This API key lacks the chat scope'],
    [new NotFoundError('Conversation'), 'not_found', 404, 'Conversation not found'],
    [new ConflictError('A request with this Idempotency-Key is still in progress'), 'aborted', 409, 'A request with this Idempotency-Key is still in progress'],
    [new UnprocessableError('This Idempotency-Key was already used with a different request'), 'invalid_argument', 400, 'This Idempotency-Key was already used with a different request'],
    [new BadRequestError('The cursor is not valid'), 'invalid_argument', 400, 'The cursor is not valid'],
    [new RateLimitedError('1 second'), 'resource_exhausted', 429, 'Rate limit exceeded, retry in 1 second']
  ]
  for (const [err, code, status, msg] of cases) {
    const reply = toTwirpError(err)
    t.same(reply, { statusCode: status, body: { code, msg } }, code)
    t.equal(TWIRP_STATUS[reply.body.code], reply.statusCode, `${code} uses the status Twirp pairs with it`)
  }
})

test('an unavailable dependency is unavailable 503 with a Retry-After', async (t) => {
  t.same(toTwirpError(new ServiceUnavailableError('This instance', 1)), {
    statusCode: 503,
    body: { code: 'unavailable', msg: 'This instance is temporarily unavailable' },
    retryAfterSeconds: 1
  })
  const circuit = toTwirpError(new BrokenCircuitError())
  t.equal(circuit.statusCode, 503)
  t.equal(circuit.body.code, 'unavailable')
  t.equal(circuit.retryAfterSeconds, 5)
  const mongo = toTwirpError(new MongoNetworkError('connect ECONNREFUSED 10.0.0.7:27017'))
  t.same(mongo.body, { code: 'unavailable', msg: 'The database is temporarily unavailable' }, 'the driver\'s message stays out')
})

test('an assistant outage after the message was stored names the conversation in meta', async (t) => {
  const reply = toTwirpError(new AssistantUnavailableError('665f1c2ab4e1f2a3b4c5d6e7', 7))
  t.same(reply, {
    statusCode: 503,
    body: { code: 'unavailable', msg: 'The assistant is temporarily unavailable', meta: { conversation_id: '665f1c2ab4e1f2a3b4c5d6e7' } },
    retryAfterSeconds: 7
  })
  t.notOk('meta' in toTwirpError(new AssistantUnavailableError()).body, 'no meta when no conversation was stored')
})

test('unexpected errors are internal 500 with a generic message', async (t) => {
  const reply = toTwirpError(new Error('secret detail: mongodb://admin:pw@db'))
  t.same(reply, { statusCode: 500, body: { code: 'internal', msg: 'Internal Server Error' } })
  t.same(toTwirpError('a thrown string').body.code, 'internal')
  t.same(toTwirpError(fastifyError('SOMETHING', 502)), { statusCode: 500, body: { code: 'internal', msg: 'Bad Gateway' } }, 'any 5xx is internal, with Twirp\'s status')
})

test('Fastify\'s body errors are malformed and a refused media type is bad_route', async (t) => {
  for (const code of ['FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_INVALID_CONTENT_LENGTH']) {
    t.same(toTwirpError(fastifyError(code, 400)), { statusCode: 400, body: { code: 'malformed', msg: 'the json request could not be decoded' } }, code)
  }
  t.same(toTwirpError(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413)), {
    statusCode: 400,
    body: { code: 'malformed', msg: 'the json request could not be decoded: the body is too large' }
  })
  t.same(toTwirpError(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'Unsupported Media Type')), {
    statusCode: 404,
    body: { code: 'bad_route', msg: 'Unsupported Media Type' }
  })
})
