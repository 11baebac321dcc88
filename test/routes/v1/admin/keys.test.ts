import { test } from 'tap'
import { ObjectId } from 'mongodb'
import { signRequest } from '../../../../lib/signing/signature.js'
import { build, captureLogs, TEST_API_KEY } from '../../../helper.js'
import { auth, createKey } from '../chat-fixtures.js'

// One app for the file, on the embedded in-memory database (no MONGODB_URI): the zero-setup path. The
// verification cache is off so a revoked or expired key is refused on the next request.
const logs = captureLogs()

async function app (t: Parameters<typeof build>[0]) {
  return build(t, { API_KEY_CACHE_TTL_MS: '0', LOG_LEVEL: 'info' }, { logStream: logs.stream })
}

async function entries (fastify: Awaited<ReturnType<typeof app>>, action: string) {
  await fastify.audit.drain()
  return (await fastify.audit.log.list({ action: action as never, limit: 50 })).items
}

test('key administration over HTTP, audited, on the embedded in-memory database', async (t) => {
  const fastify = await app(t)
  t.equal(fastify.mongoMode, 'embedded')
  const chatOnly = await createKey(fastify, ['chat'])

  const refused = await fastify.inject({ method: 'GET', url: '/v1/admin/keys', headers: chatOnly })
  t.equal(refused.statusCode, 403, 'a chat key may not list keys')
  t.equal(refused.json().code, 'FORBIDDEN')
  const refusedCreate = await fastify.inject({ method: 'POST', url: '/v1/admin/keys', headers: chatOnly, payload: { name: 'x', scopes: ['chat'] } })
  t.equal(refusedCreate.statusCode, 403, 'nor create one')

  const created = await fastify.inject({ method: 'POST', url: '/v1/admin/keys', headers: { ...auth, 'x-request-id': 'req-create-1' }, payload: { name: ' bot ', scopes: ['chat'], rateLimit: 3 } })
  t.equal(created.statusCode, 201)
  const body = created.json()
  t.match(body, { name: 'bot', scopes: ['chat'], status: 'active', revokedAt: null, expiresAt: null, rateLimit: 3, requireSignature: false })
  t.match(body.key, /^acai_/)
  t.notOk('signingSecret' in body, 'no signing secret without requireSignature')

  const useIt = await fastify.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': body.key } })
  t.equal(useIt.statusCode, 200, 'the new key works')
  t.equal(useIt.headers['ratelimit-limit'], '3', 'with its own rate limit')

  const listed = await fastify.inject({ method: 'GET', url: '/v1/admin/keys', headers: auth })
  t.equal(listed.statusCode, 200)
  const text = listed.body
  t.notOk(text.includes(body.key), 'the list never shows a key')
  t.notOk(/"hash"|[0-9a-f]{64}/.test(text), 'nor a hash')
  t.match(listed.json().items.find((k: { id: string }) => k.id === body.id), { name: 'bot', status: 'active' })

  const stored = await fastify.db.collection('api_keys').findOne({ _id: new ObjectId(String(body.id)) })
  t.notOk(JSON.stringify(stored).includes(body.key), 'only the hash of the key is stored')

  const [createdEntry] = await entries(fastify, 'key.created')
  const bootstrap = (await fastify.apiKeys.list()).find((k) => k.name === 'bootstrap')
  t.match(createdEntry, {
    action: 'key.created',
    target: `key:${body.id}`,
    actor: { type: 'key', keyId: bootstrap?.id, name: 'bootstrap' },
    ip: '127.0.0.1',
    requestId: 'req-create-1',
    outcome: 'success'
  })

  const bad = await fastify.inject({ method: 'POST', url: '/v1/admin/keys', headers: auth, payload: { name: 'x', scopes: ['chat'], expiresAt: '2001-01-01T00:00:00Z' } })
  t.equal(bad.statusCode, 400, 'an expiry in the past is a 400')
  t.match(bad.json().message, /future/)
  const unknownScope = await fastify.inject({ method: 'POST', url: '/v1/admin/keys', headers: auth, payload: { name: 'x', scopes: ['root'] } })
  t.equal(unknownScope.statusCode, 400)

  const revoked = await fastify.inject({ method: 'DELETE', url: `/v1/admin/keys/${String(body.id)}`, headers: auth })
  t.equal(revoked.statusCode, 204)
  const again = await fastify.inject({ method: 'DELETE', url: `/v1/admin/keys/${String(body.id)}`, headers: auth })
  t.equal(again.statusCode, 404, 'revoking twice: no active key')
  const refusedNow = await fastify.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': body.key } })
  t.equal(refusedNow.statusCode, 401, 'a revoked key is refused')
  const revokedEntries = await entries(fastify, 'key.revoked')
  t.equal(revokedEntries.length, 1, 'one entry for the one revocation')
  t.match(revokedEntries[0], { target: `key:${body.id}`, actor: { type: 'key', name: 'bootstrap' }, outcome: 'success' })
  t.match((await fastify.inject({ method: 'GET', url: '/v1/admin/keys', headers: auth })).json().items.find((k: { id: string }) => k.id === body.id), { status: 'revoked' })

  // The refusal of the revoked key above is one failed authentication: audited as a burst at the minute's end.
  const bursts = await entries(fastify, 'auth.failures')
  t.match(bursts, [{ actor: { type: 'anonymous' }, target: `key-prefix:${String(body.key).slice(0, 8)}`, ip: '127.0.0.1', outcome: 'failure', count: 1 }])

  const all = JSON.stringify((await fastify.audit.log.list({ limit: 200 })).items)
  t.notOk(all.includes(body.key), 'no entry holds a key')
  t.notOk(logs.raw().includes(body.key), 'no log line holds the new key')
  t.notOk(logs.raw().includes(TEST_API_KEY), 'nor the bootstrap key')
})

test('an expired key is refused like a revoked one, and its expiry is audited once', async (t) => {
  const fastify = await app(t)
  const created = await fastify.inject({ method: 'POST', url: '/v1/admin/keys', headers: auth, payload: { name: 'short-lived', scopes: ['chat'], expiresAt: new Date(Date.now() + 60_000).toISOString() } })
  t.equal(created.statusCode, 201)
  const { key, id, expiresAt } = created.json()
  t.ok(expiresAt !== null)
  t.equal((await fastify.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': key } })).statusCode, 200, 'valid until it expires')

  await fastify.db.collection('api_keys').updateOne({ _id: new ObjectId(String(id)) }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
  for (let i = 0; i < 2; i++) {
    const refused = await fastify.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': key } })
    t.equal(refused.statusCode, 401, 'refused once expired')
    t.equal(refused.json().code, 'UNAUTHORIZED')
  }
  const expired = await entries(fastify, 'key.expired')
  t.equal(expired.length, 1, 'two refusals, one key.expired entry')
  t.match(expired[0], { target: `key:${id}`, actor: { type: 'system' }, outcome: 'success' })
  t.match((await fastify.inject({ method: 'GET', url: '/v1/admin/keys', headers: auth })).json().items.find((k: { id: string }) => k.id === id), { status: 'expired' })
})

test('signed requests: accepted when right, refused with the reason otherwise, never twice', async (t) => {
  const fastify = await app(t)
  const created = await fastify.inject({ method: 'POST', url: '/v1/admin/keys', headers: auth, payload: { name: 'signer', scopes: ['chat'], requireSignature: true } })
  t.equal(created.statusCode, 201)
  const { key, signingSecret, requireSignature } = created.json()
  t.equal(requireSignature, true)
  t.match(signingSecret, /^acaisig_/, 'the signing secret is answered once')
  t.notOk((await fastify.inject({ method: 'GET', url: '/v1/admin/keys', headers: auth })).body.includes(signingSecret), 'and never listed')

  const path = '/v1/conversations?limit=5'
  const payload = JSON.stringify({ message: 'hello there' })
  const headers = { 'x-api-key': key, 'content-type': 'application/json' }

  const unsigned = await fastify.inject({ method: 'GET', url: path, headers })
  t.equal(unsigned.statusCode, 401)
  t.match(unsigned.json(), { code: 'INVALID_SIGNATURE', message: /X-Acai-Timestamp and X-Acai-Signature are missing/ })

  const stale = await fastify.inject({ method: 'GET', url: path, headers: { ...headers, ...signRequest({ secret: signingSecret, method: 'GET', path, timestamp: Math.floor(Date.now() / 1000) - 301 }) } })
  t.equal(stale.statusCode, 401)
  t.match(stale.json().message, /outside the 300-second window/)

  const wrong = await fastify.inject({ method: 'GET', url: path, headers: { ...headers, ...signRequest({ secret: 'acaisig_not-the-secret', method: 'GET', path }) } })
  t.equal(wrong.statusCode, 401)
  t.match(wrong.json().message, /does not match/)

  const otherPath = await fastify.inject({ method: 'GET', url: '/v1/conversations?limit=6', headers: { ...headers, ...signRequest({ secret: signingSecret, method: 'GET', path }) } })
  t.equal(otherPath.statusCode, 401, 'the query string is signed')

  const signedGet = await fastify.inject({ method: 'GET', url: path, headers: { ...headers, ...signRequest({ secret: signingSecret, method: 'GET', path }) } })
  t.equal(signedGet.statusCode, 200, 'a signed GET passes')

  const postHeaders = { ...headers, ...signRequest({ secret: signingSecret, method: 'POST', path: '/v1/conversations', body: payload }) }
  const tampered = await fastify.inject({ method: 'POST', url: '/v1/conversations', headers: postHeaders, payload: JSON.stringify({ message: 'hello therE' }) })
  t.equal(tampered.statusCode, 401, 'the body is signed')
  t.match(tampered.json().message, /does not match/)
  const signedPost = await fastify.inject({ method: 'POST', url: '/v1/conversations', headers: postHeaders, payload })
  t.equal(signedPost.statusCode, 201, 'a signed POST passes')
  const replay = await fastify.inject({ method: 'POST', url: '/v1/conversations', headers: postHeaders, payload })
  t.equal(replay.statusCode, 401, 'the same signature again is refused')
  t.match(replay.json().message, /already used/)

  const unsignedKeyStillWorks = await fastify.inject({ method: 'GET', url: path, headers: auth })
  t.equal(unsignedKeyStillWorks.statusCode, 200, 'keys without requireSignature need no signature')
  t.notOk(logs.raw().includes(signingSecret), 'the signing secret never reaches a log line')
  const bursts = (await entries(fastify, 'auth.failures')).filter((e) => e.target === `key-prefix:${String(key).slice(0, 8)}`)
  t.equal(bursts.reduce((sum, e) => sum + (e.count ?? 0), 0), 6, 'the six refused signed requests are counted under the key\'s prefix')
})
