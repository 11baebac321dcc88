import { test } from 'tap'
import { build } from '../helper.js'
import { readPackageInfo } from '../../lib/config/package-info.js'

test('GET /docs/json is an OpenAPI 3 document built from the route schemas', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(res.statusCode, 200)
  const doc = res.json()
  t.match(doc.openapi, /^3\./)
  t.equal(doc.info.version, readPackageInfo().version)
  t.same(doc.components.securitySchemes.apiKey, { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key (`acai keys create`)' })
  t.match(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' })
  t.ok(doc.components.schemas.ErrorResponse, 'the shared error schema under its own name')
  t.ok(doc.tags.some((tag: { name: string }) => tag.name === 'operations'))

  t.match(doc.paths['/health'].get, { operationId: 'getHealth', tags: ['operations'] })
  t.same(doc.paths['/health'].get.security, [], '/health is public, and says so')
  t.same(doc.paths['/ready'].get.security, [], '/ready is public, and says so')
  t.same(doc.servers, [{ url: '/', description: 'The host serving this document' }], 'relative: Swagger UI calls the host it was loaded from')
  t.same(doc.info.license, { name: 'MIT', identifier: 'MIT' })
  t.same(doc.info.contact, { name: 'acai-assistant maintainers' })
  t.match(doc.paths['/ready'].get.responses['503'].content['application/json'].schema, { $ref: '#/components/schemas/ErrorResponse' })
  const metrics = doc.paths['/metrics'].get
  t.same(metrics.security, [{ apiKey: [] }, { bearer: [] }, { apiKey: [], signature: [], signatureTimestamp: [] }], 'a key that requires signatures signs every request')
  t.match(doc.components.securitySchemes, {
    signature: { type: 'apiKey', in: 'header', name: 'X-Acai-Signature', description: /HMAC-SHA256/ },
    signatureTimestamp: { type: 'apiKey', in: 'header', name: 'X-Acai-Timestamp' }
  }, 'the signature headers are described')
  t.same(Object.keys(doc.paths['/v1/admin/keys']).sort(), ['get', 'post'], 'the key admin routes are in the document')
  t.ok(doc.paths['/v1/admin/keys/{id}'].delete)
  t.ok(doc.paths['/v1/admin/audit'].get)
  t.ok(metrics.responses['200'].content['text/plain'], 'metrics documented as text')
  t.notOk(Object.keys(doc.paths).some((path) => path.startsWith('/docs')), 'the docs routes are not documented')
})

test('GET /docs serves Swagger UI with its own content security policy', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs' })
  const page = res.statusCode === 302 ? await app.inject({ method: 'GET', url: String(res.headers.location) }) : res
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.body, /swagger-ui/)
  t.match(page.body, /<title>acai-assistant API<\/title>/, 'the product\'s title')
  t.match(page.body, /<link rel="icon" type="image\/svg\+xml" href="[^"]*theme\/favicon\.svg"/, 'the product\'s favicon')
  const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.match(initializer.body, /"persistAuthorization":true/, 'the key survives a reload')
  t.match(Buffer.from(/data:image\/svg\+xml;base64,([^']+)/.exec(initializer.body)?.[1] ?? '', 'base64').toString(), /acai-assistant/, 'the product\'s logo')
  t.match(String(page.headers['content-security-policy']), /script-src 'self'/, 'relaxed for the UI')
  t.notMatch(String(page.headers['content-security-policy']), /upgrade-insecure-requests/, 'assets load over plain HTTP from any host name')
  t.notOk(page.headers['cross-origin-opener-policy'], 'no header a plain-HTTP page can only complain about')

  const api = await app.inject({ method: 'GET', url: '/health' })
  t.match(String(api.headers['content-security-policy']), /default-src 'none'/, 'the API keeps the strict policy')
})

test('PUBLIC_URL and API_CONTACT name the deployment in the document', async (t) => {
  const app = await build(t, { PUBLIC_URL: 'https://api.example.com', API_CONTACT: 'https://example.com/support' })
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  t.same(doc.servers, [{ url: 'https://api.example.com', description: 'This deployment' }])
  t.same(doc.info.contact, { name: 'acai-assistant operators', url: 'https://example.com/support' })
  const mail = await build(t, { API_CONTACT: 'api-help@example.com' })
  t.same((await mail.inject({ method: 'GET', url: '/docs/json' })).json().info.contact, { name: 'acai-assistant operators', email: 'api-help@example.com' })
})

test('the headers every response carries are documented where they are sent', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  t.same(Object.keys(doc.components.headers).sort(), ['Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'X-Request-Id'])
  const create = doc.paths['/v1/conversations'].post.responses
  t.same(Object.keys(create['201'].headers), ['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Idempotent-Replayed'])
  t.ok(create['429'].headers['Retry-After'] && create['503'].headers['Retry-After'], 'Retry-After on 429 and 503')
  t.notOk(create['400'].headers['Retry-After'])
  t.notOk(doc.paths['/v1/conversations'].get.responses['200'].headers['Idempotent-Replayed'], 'only where an Idempotency-Key is accepted')
  t.notOk(doc.paths['/health'].get.responses['503'].headers['Retry-After'], 'a 503 health report is not an error to retry')
  t.ok(doc.paths['/twirp/acai.chat.ChatService/ListConversations'].post.responses['503'].headers['Retry-After'], 'Twirp unavailable too')
})

test('the Twirp request bodies have examples in both casings', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  for (const method of ['StartConversation', 'ContinueConversation', 'DescribeConversation']) {
    const media = doc.paths[`/twirp/acai.chat.ChatService/${method}`].post.requestBody.content['application/json']
    t.same(Object.keys(media.examples), ['snake_case', 'lowerCamelCase'], method)
  }
})

test('DOCS_ENABLED=false removes /docs and /docs/json', async (t) => {
  const app = await build(t, { DOCS_ENABLED: 'false' })
  t.equal((await app.inject({ method: 'GET', url: '/docs' })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})

test('the document sets no traps for Swagger UI users and generated clients', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  const posts = Object.entries(doc.paths as Record<string, Record<string, { parameters?: Array<Record<string, unknown>> }>>)
    .flatMap(([path, methods]) => Object.entries(methods).filter(([method]) => method === 'post').map(([, operation]) => ({ path, operation })))
  t.ok(posts.length >= 5)
  for (const { path, operation } of posts) {
    const key = operation.parameters?.find((p) => p.name === 'idempotency-key')
    if (key === undefined) continue
    t.notOk(key.example ?? (key.schema as Record<string, unknown> | undefined)?.examples, `${path}: no fixed Idempotency-Key for Swagger UI to pre-fill`)
    t.match(key.description, /fresh UUID/, `${path}: says to use a fresh key`)
  }
  const required = (path: string, name: string): unknown => doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name)?.required
  t.equal(required('/v1/conversations', 'limit'), false, 'limit has a default, so clients need not pass it')
  t.equal(required('/v1/conversations/{id}', 'messagesLimit'), false)
})
