import { test } from 'tap'
import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import { build } from '../helper.js'
import { ErrorRef } from '../../schemas/common.js'
import { serverSelectionError, unavailableErrors } from '../lib/errors/driver-errors.js'

const SHAPE_KEYS = ['code', 'error', 'message', 'statusCode']

interface Response { statusCode: number, json: () => unknown }

// Status, body keys and code of an error response, to compare with what the one shape demands.
function shape (res: Response): { statusCode: number, keys: string[], bodyStatus: unknown, code: unknown } {
  const body = res.json() as Record<string, unknown>
  return { statusCode: res.statusCode, keys: Object.keys(body).sort(), bodyStatus: body.statusCode, code: body.code }
}

function expected (statusCode: number, code: string) {
  return { statusCode, keys: SHAPE_KEYS, bodyStatus: statusCode, code }
}

// Routes of the test's own, to reach the body parser, the validator and failing handlers; production
// has no such routes.
function testRoutes (fastify: FastifyInstance): void {
  fastify.post('/test/echo', {
    schema: {
      body: Type.Object({ text: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ text: Type.String() }), '4xx': ErrorRef }
    }
  }, async (request) => request.body as { text: string })
  fastify.get('/test/database-down', async () => {
    throw await serverSelectionError()
  })
  fastify.get<{ Params: { kind: string } }>('/test/database-down/:kind', async (request) => {
    throw unavailableErrors()[request.params.kind]
  })
  fastify.get('/test/bug', async () => {
    throw new TypeError('secret internals: cannot read properties of undefined')
  })
}

test('every error comes out in the one shape', async (t) => {
  const app = await build(t, { BODY_LIMIT: '1024' }, { extend: testRoutes })

  t.test('unknown route: 404', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route?x=1' })
    t.same(shape(res), expected(404, 'NOT_FOUND'))
    t.equal(res.json().message, 'Route GET /no/such/route not found')
  })

  t.test('malformed JSON: 400', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"text":' })
    t.same(shape(res), expected(400, 'FST_ERR_CTP_INVALID_JSON_BODY'))
  })

  t.test('empty JSON body: 400', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '' })
    t.same(shape(res), expected(400, 'FST_ERR_CTP_EMPTY_JSON_BODY'))
  })

  t.test('unsupported content type: 415', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/xml' }, payload: '<text/>' })
    t.same(shape(res), expected(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))
  })

  t.test('text/plain is no exception: 415, not a 400 about the body', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'text/plain' }, payload: '{"text":"hi"}' })
    t.same(shape(res), expected(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))
  })

  t.test('body over BODY_LIMIT: 413', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'x'.repeat(2000) }) })
    t.same(shape(res), expected(413, 'FST_ERR_CTP_BODY_TOO_LARGE'))
  })

  t.test('schema violation: 400 naming the field', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'far too long for ten' } })
    t.same(shape(res), expected(400, 'FST_ERR_VALIDATION'))
    t.match(res.json().message, /text/)
    const extra = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'ok', admin: true } })
    t.same(shape(extra), expected(400, 'FST_ERR_VALIDATION'))
  })

  t.test('database unreachable: 503 with Retry-After and a generic message', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/test/database-down' })
    t.same(shape(res), expected(503, 'SERVICE_UNAVAILABLE'))
    t.equal(res.headers['retry-after'], '5')
    t.equal(res.json().message, 'The database is temporarily unavailable')
  })

  t.test('every class of database failure (network, pool, shutdown, failover, write concern): 503 with Retry-After', async (t) => {
    for (const kind of Object.keys(unavailableErrors())) {
      const res = await app.inject({ method: 'GET', url: `/test/database-down/${encodeURIComponent(kind)}` })
      t.same(shape(res), expected(503, 'SERVICE_UNAVAILABLE'), kind)
      t.equal(res.headers['retry-after'], '5', kind)
    }
  })

  t.test('a bug: 500 without its details', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/test/bug' })
    t.same(shape(res), expected(500, 'INTERNAL_ERROR'))
    t.notMatch(res.body, /secret internals/)
  })

  t.test('a valid request still works', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'hello' } })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { text: 'hello' })
  })
})

test('rate limited: 429 in the one shape with Retry-After', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' })
  const statuses: number[] = []
  let limited: Awaited<ReturnType<typeof app.inject>> | undefined
  for (let i = 0; i < 4; i++) {
    const res = await app.inject({ method: 'GET', url: '/health' })
    statuses.push(res.statusCode)
    if (res.statusCode === 429) limited = res
  }
  t.same(statuses, [200, 200, 429, 429])
  if (limited === undefined) return
  t.same(shape(limited), expected(429, 'RATE_LIMITED'))
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After set')
})
