import { test } from 'tap'
import { RESPONSE_HEADERS, headersFor, withResponseHeaders } from '../../../lib/openapi/response-headers.js'

test('adds the header components to a document without any, and leaves what is not an operation alone', async (t) => {
  const bare = withResponseHeaders({})
  t.same(bare, { components: { headers: RESPONSE_HEADERS } })

  const doc = withResponseHeaders({
    components: { headers: { 'X-Own': { schema: { type: 'string' } } } },
    paths: {
      '/a': {
        parameters: [{ in: 'path', name: 'id' }],
        get: {},
        post: { responses: { 200: { headers: { 'X-Own': { $ref: '#/components/headers/X-Own' } } } } }
      }
    }
  })
  t.same(Object.keys(doc.components.headers), ['X-Own', ...Object.keys(RESPONSE_HEADERS)], 'its own headers kept')
  t.same(doc.paths['/a'].parameters, [{ in: 'path', name: 'id' }], 'path-level parameters untouched')
  t.same(doc.paths['/a'].get, {}, 'an operation without responses untouched')
  t.same(Object.keys(doc.paths['/a'].post.responses[200].headers), ['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Own'])
})

test('Retry-After only on 429 and on 503s in an error shape', async (t) => {
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } }
  const twirp = { content: { 'application/json': { schema: { title: 'TwirpError' } } } }
  const report = { content: { 'application/json': { schema: { title: 'HealthReport' } } } }
  t.ok(headersFor('503', error, {}).includes('Retry-After'))
  t.ok(headersFor('503', twirp, {}).includes('Retry-After'))
  t.notOk(headersFor('503', report, {}).includes('Retry-After'))
  t.notOk(headersFor('503', {}, {}).includes('Retry-After'), 'no content')
  t.ok(headersFor('429', {}, {}).includes('Retry-After'))
  t.notOk(headersFor('404', error, {}).includes('Retry-After'))
})

test('Idempotent-Replayed only on the 2xx of operations that take an Idempotency-Key', async (t) => {
  const idempotent = { parameters: [{ in: 'header', name: 'Idempotency-Key' }] }
  t.ok(headersFor('201', {}, idempotent).includes('Idempotent-Replayed'))
  t.notOk(headersFor('409', {}, idempotent).includes('Idempotent-Replayed'))
  t.notOk(headersFor('200', {}, { parameters: [{ in: 'query', name: 'idempotency-key' }, { in: 'header' }] }).includes('Idempotent-Replayed'))
})
