import { test } from 'tap'
import { build, TEST_API_KEY } from '../../helper.js'
import { JSON_HEADERS, SERVICE, call, newKey } from './twirp-fixtures.js'

const LIST = `${SERVICE}/ListConversations`

test('Twirp wire rules', async (t) => {
  const app = await build(t, { BODY_LIMIT: '2048' })

  await t.test('application/json with parameters and in any case is accepted', async (t) => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      const res = await app.inject({ method: 'POST', url: LIST, headers: { ...JSON_HEADERS, 'content-type': contentType }, payload: '{}' })
      t.equal(res.statusCode, 200, contentType)
    }
  })

  await t.test('any other Content-Type is bad_route 404, not 415', async (t) => {
    for (const contentType of ['text/plain', 'application/protobuf', 'application/x-www-form-urlencoded']) {
      const res = await app.inject({ method: 'POST', url: LIST, headers: { ...JSON_HEADERS, 'content-type': contentType }, payload: '{}' })
      t.equal(res.statusCode, 404, contentType)
      t.same(res.json(), {
        code: 'bad_route',
        msg: `unexpected Content-Type: "${contentType}"`,
        meta: { twirp_invalid_route: `POST ${LIST}` }
      })
    }
    const none = await app.inject({ method: 'POST', url: LIST, headers: { 'x-api-key': TEST_API_KEY } })
    t.equal(none.statusCode, 404)
    t.equal(none.json().msg, 'unexpected Content-Type: ""')
  })

  await t.test('GET and other methods are bad_route 404', async (t) => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
      const res = await app.inject({ method, url: LIST, headers: JSON_HEADERS })
      t.equal(res.statusCode, 404, method)
      t.same(res.json(), {
        code: 'bad_route',
        msg: `unsupported method "${method}" (only POST is allowed)`,
        meta: { twirp_invalid_route: `${method} ${LIST}` }
      })
    }
  })

  await t.test('an unknown method or service is bad_route 404', async (t) => {
    for (const path of [`${SERVICE}/DeleteConversation`, '/twirp/acai.chat.OtherService/StartConversation', '/twirp/']) {
      const res = await app.inject({ method: 'POST', url: `${path}?x=1`, headers: JSON_HEADERS, payload: '{}' })
      t.equal(res.statusCode, 404, path)
      t.same(res.json(), { code: 'bad_route', msg: `no handler for path "${path}"`, meta: { twirp_invalid_route: `POST ${path}` } })
    }
  })

  await t.test('routing refusals come before authentication, as in the Go server', async (t) => {
    const unknown = await app.inject({ method: 'POST', url: `${SERVICE}/Nope`, headers: { 'content-type': 'application/json' }, payload: '{}' })
    t.equal(unknown.json().code, 'bad_route')
    const get = await app.inject({ method: 'GET', url: LIST })
    t.equal(get.json().code, 'bad_route')
  })

  await t.test('without a valid key: unauthenticated 401', async (t) => {
    for (const headers of [{ 'content-type': 'application/json' }, { ...JSON_HEADERS, 'x-api-key': 'acai_not-a-real-key-at-all' }]) {
      const res = await app.inject({ method: 'POST', url: LIST, headers, payload: '{}' })
      t.equal(res.statusCode, 401)
      t.same(res.json(), { code: 'unauthenticated', msg: 'A valid API key is required' })
    }
    const bearer = await app.inject({ method: 'POST', url: LIST, headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' }, payload: '{}' })
    t.equal(bearer.statusCode, 200, 'Authorization: Bearer works too')
  })

  await t.test('a key without the chat scope: permission_denied 403', async (t) => {
    const res = await app.inject(call('ListConversations', {}, await newKey(app, ['metrics'])))
    t.equal(res.statusCode, 403)
    t.same(res.json(), { code: 'permission_denied', msg: 'This API key lacks the chat scope' })
  })

  await t.test('JSON that cannot be decoded is malformed 400', async (t) => {
    const cases: Array<[string, string]> = [
      ['{"message":', 'the json request could not be decoded'],
      ['', 'the json request could not be decoded'],
      ['[]', 'the json request could not be decoded: the request must be a JSON object'],
      ['{"message": 7}', 'the json request could not be decoded: invalid value for string field message'],
      ['{"__proto__": {"x": 1}, "message": "hi"}', 'the json request could not be decoded']
    ]
    for (const [payload, msg] of cases) {
      const res = await app.inject({ method: 'POST', url: `${SERVICE}/StartConversation`, headers: JSON_HEADERS, payload })
      t.equal(res.statusCode, 400, payload)
      t.same(res.json(), { code: 'malformed', msg })
    }
    const large = await app.inject({ method: 'POST', url: `${SERVICE}/StartConversation`, headers: JSON_HEADERS, payload: JSON.stringify({ message: 'x'.repeat(3000) }) })
    t.equal(large.statusCode, 400)
    t.same(large.json(), { code: 'malformed', msg: 'the json request could not be decoded: the body is too large' })
  })

  await t.test('an unexpected failure is internal 500 with a generic msg', async (t) => {
    const list = app.chat.list
    app.chat.list = async () => { throw new Error('secret: mongodb://admin:hunter2@db') }
    t.teardown(() => { app.chat.list = list })
    const res = await app.inject(call('ListConversations', {}))
    t.equal(res.statusCode, 500)
    t.same(res.json(), { code: 'internal', msg: 'Internal Server Error' })
  })

  await t.test('the REST routes keep their own error shape', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/conversations/nope', headers: { 'x-api-key': TEST_API_KEY } })
    t.equal(res.statusCode, 404)
    t.equal(res.json().statusCode, 404)
    const unknown = await app.inject({ method: 'GET', url: '/v2/anything' })
    t.same(Object.keys(unknown.json()).sort(), ['code', 'error', 'message', 'statusCode'])
  })

  await t.test('the OpenAPI document lists the four methods under the twirp tag', async (t) => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
    for (const method of ['StartConversation', 'ContinueConversation', 'ListConversations', 'DescribeConversation']) {
      const operation = doc.paths[`${SERVICE}/${method}`]?.post
      t.ok(operation, method)
      t.same(operation.tags, ['twirp'])
      t.equal(operation.operationId, `twirp${method}`)
      t.ok(operation.summary)
      t.equal(operation.requestBody.content['application/json'].schema.additionalProperties, true, 'unknown fields allowed')
      t.ok(operation.responses['200'])
      t.same(operation.responses['404'].content['application/json'].schema.required, ['code', 'msg'])
    }
  })
})

test('rate limits answer resource_exhausted 429 with Retry-After', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '3', RATE_LIMIT_KEY_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' })

  await t.test('per API key', async (t) => {
    const headers = await newKey(app)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await app.inject({ ...call('ListConversations', {}, headers), remoteAddress: `192.0.2.${i + 1}` })).statusCode)
    t.same(statuses, [200, 200, 429])
    const res = await app.inject({ ...call('ListConversations', {}, headers), remoteAddress: '192.0.2.9' })
    t.equal(res.statusCode, 429)
    t.equal(res.json().code, 'resource_exhausted')
    t.match(res.json().msg, /^Rate limit exceeded, retry in \d+ seconds?$/)
    t.ok(Number(res.headers['retry-after']) > 0)
  })

  await t.test('per client IP', async (t) => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push((await app.inject({ ...call('ListConversations', {}, await newKey(app)), remoteAddress: '198.51.100.7' })).statusCode)
    }
    t.same(statuses, [200, 200, 200, 429])
    const res = await app.inject({ ...call('ListConversations', {}, await newKey(app)), remoteAddress: '198.51.100.7' })
    t.same(Object.keys(res.json()).sort(), ['code', 'msg'])
    t.equal(res.json().code, 'resource_exhausted')
    t.ok(Number(res.headers['retry-after']) > 0)
  })
})
