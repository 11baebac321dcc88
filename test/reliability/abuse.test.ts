// Abuse of every route in the OpenAPI document (issue 12): no key, an empty key, a key with one character
// changed, a revoked key, a key of the wrong scope and another owner's objects, each refused with the right
// status and nothing leaked; X-Forwarded-For does not evade the per-IP limit without TRUST_PROXY; key
// comparison time does not depend on how much of the key matches.
import { test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { build, TEST_API_KEY } from '../helper.js'
import { SCOPES, type Scope } from '../../lib/api-keys/scopes.js'
import { hashesEqual, hashApiKey } from '../../lib/api-keys/key-material.js'
import { INTERNAL_ID_PATTERN, LEAK_PATTERNS, operationsOf, type Operation } from '../support/openapi-fuzz.js'
import { recordReliability } from '../support/reliability-report.js'

const SCOPE_KEYS: Scope[] = [...SCOPES]

interface Doc { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { example?: unknown, examples?: Record<string, { value: unknown }> }> } }>> }

function exampleBody (doc: Doc, op: Operation): unknown {
  const content = doc.paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content?.['application/json']
  if (content === undefined) return undefined
  if (content.example !== undefined) return content.example
  const first = Object.values(content.examples ?? {})[0]
  return first?.value ?? {}
}

/** The example with every conversation id (path or body, either casing) pointing at `id`. */
function aimedAt (value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((v) => aimedAt(v, id))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /^conversation_?id$/i.test(k) ? id : aimedAt(v, id)]))
}

function urlOf (op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? 'web')
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Half-width of a ~99% interval for a median: order statistics n/2 ± 1.29·√n (normal approximation). */
function medianInterval (values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b)
  const half = Math.ceil(1.29 * Math.sqrt(sorted.length))
  const mid = Math.floor(sorted.length / 2)
  return [sorted[Math.max(0, mid - half)] ?? 0, sorted[Math.min(sorted.length - 1, mid + half)] ?? 0]
}

function changeOneChar (key: string, at: number): string {
  return key.slice(0, at) + (key[at] === 'a' ? 'b' : 'a') + key.slice(at + 1)
}

test('abuse of every route', async (t) => {
  const app: FastifyInstance = await build(t)
  const doc = app.swagger() as unknown as Doc
  const operations = operationsOf(app.swagger() as any).filter((op) => op.secured)
  t.ok(operations.length >= 15, `${operations.length} secured operations found in the OpenAPI document`)

  const other = (await app.apiKeys.create({ name: 'abuse-other-owner', scopes: ['chat'] })).key
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { 'x-api-key': other }, payload: { message: 'my secret plans', metadata: { platform: 'web', userId: 'victim-user', chatId: 'victim-chat' } } })
  t.equal(created.statusCode, 201)
  const otherId: string = created.json().conversation.id
  const session = await app.inject({ method: 'POST', url: '/v1/sessions/messages', headers: { 'x-api-key': other }, payload: { platform: 'web', chatId: 'victim-chat', message: 'secret session' } })
  t.equal(session.statusCode, 201)
  const otherSessionConversation: string = session.json().conversation.id
  const snapshot = async (): Promise<string> => (await app.inject({ method: 'GET', url: `/v1/conversations/${otherId}`, headers: { 'x-api-key': other } })).body + (await app.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': other } })).body
  const before = await snapshot()

  const keys = new Map<string, string>()
  async function keyFor (scopes: Scope[]): Promise<string> {
    const name = scopes.join('+')
    const known = keys.get(name)
    if (known !== undefined) return known
    const { key } = await app.apiKeys.create({ name: `abuse-${name}`, scopes })
    keys.set(name, key)
    return key
  }
  const revoked = await app.apiKeys.create({ name: 'abuse-revoked', scopes: ['chat', 'metrics', 'admin'] })
  const warm = await app.inject({ method: 'GET', url: '/v1/usage', headers: { 'x-api-key': revoked.key } })
  t.equal(warm.statusCode, 200, 'the key worked (and is cached) before it was revoked')
  t.ok(await app.apiKeys.revoke(revoked.id))

  let requests = 0
  const bypasses: string[] = []
  const leaks: string[] = []
  function inspect (label: string, res: LightMyRequestResponse, refused: boolean): void {
    requests++
    const text = res.body + JSON.stringify(res.headers)
    for (const pattern of [...LEAK_PATTERNS, INTERNAL_ID_PATTERN, /secret plans|secret session|victim/]) {
      if (pattern.test(text)) leaks.push(`${label}: ${String(pattern)} in ${text.slice(0, 200)}`)
    }
    if (refused) {
      const body = res.json()
      // Twirp routes answer in Twirp's error shape (code, msg, optional meta), all others in the one shape.
      const keys = Object.keys(body).filter((k) => k !== 'meta').sort().join(',')
      if (keys !== (label.includes('/twirp/') ? 'code,msg' : 'code,error,message,statusCode')) leaks.push(`${label}: not the one error shape: ${res.body}`)
    }
  }

  for (const op of operations) {
    const body = exampleBody(doc, op)
    const url = urlOf(op, { id: otherId, platform: 'web', chatId: 'victim-chat' })
    const send = (headers: Record<string, string>, target = url, payload = body): Promise<LightMyRequestResponse> =>
      app.inject({ method: op.method as 'GET', url: target, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
    const name = `${op.method} ${op.path}`

    const unauthenticated: Array<[string, Record<string, string>]> = [
      ['no key', {}],
      ['empty X-API-Key', { 'x-api-key': '' }],
      ['empty Bearer', { authorization: 'Bearer ' }],
      ['first character changed', { 'x-api-key': changeOneChar(TEST_API_KEY, 0) }],
      ['last character changed', { 'x-api-key': changeOneChar(TEST_API_KEY, TEST_API_KEY.length - 1) }],
      ['Bearer with a character changed', { authorization: `Bearer ${changeOneChar(TEST_API_KEY, 10)}` }],
      ['revoked key', { 'x-api-key': revoked.key }]
    ]
    for (const [label, headers] of unauthenticated) {
      const res = await send(headers)
      t.equal(res.statusCode, 401, `${name}: ${label} -> 401`)
      if (res.statusCode !== 401) bypasses.push(`${name}: ${label} got ${res.statusCode}`)
      inspect(`${name} ${label}`, res, true)
    }

    // The scopes the route asks for are those whose absence alone gets 403 (admin routes sit inside the
    // chat folder: both); a key with exactly those scopes gets past authorization.
    const probeUrl = urlOf(op, { id: '000000000000000000000000', platform: 'web', chatId: 'abuse-chat' })
    const required: Scope[] = []
    for (const scope of SCOPE_KEYS) {
      const res = await send({ 'x-api-key': await keyFor(SCOPE_KEYS.filter((s) => s !== scope)) }, probeUrl)
      inspect(`${name} without the ${scope} scope`, res, res.statusCode >= 400)
      if (res.statusCode === 403) {
        t.equal(res.json().code, op.path.startsWith('/twirp/') ? 'permission_denied' : 'FORBIDDEN', `${name}: a key without ${scope} is forbidden`)
        required.push(scope)
      } else if (res.statusCode === 401) bypasses.push(`${name}: a valid key without ${scope} got 401`)
    }
    t.ok(required.length >= 1, `${name} asks for ${required.join(' and ')}`)
    if (required.length === 0) bypasses.push(`${name}: every key admitted`)
    const ownKey = await keyFor(required)
    const admittedRes = await send({ 'x-api-key': ownKey }, probeUrl)
    t.not(admittedRes.statusCode, 403, `${name}: a key with exactly ${required.join(' and ')} is admitted`)
    t.not(admittedRes.statusCode, 401)
    inspect(`${name} with its scopes`, admittedRes, admittedRes.statusCode >= 400)

    // Another owner's objects: a key of the right scope (its own owner) aimed at the other owner's ids.
    const aimed = aimedAt(body, otherId)
    const res = await send({ 'x-api-key': ownKey }, url, aimed)
    const names = op.path.includes('{id}') || JSON.stringify(aimed ?? '').includes(otherId)
    if (names) {
      t.equal(res.statusCode, 404, `${name} aimed at another owner's conversation -> 404`)
      if (res.statusCode !== 404) bypasses.push(`${name}: another owner's conversation answered ${res.statusCode}`)
    } else {
      t.ok(res.statusCode < 500, `${name} as another owner: ${res.statusCode}`)
    }
    inspect(`${name} as another owner`, res, res.statusCode >= 400)
  }

  t.same(leaks, [], 'no stack traces, internal ids or other owner\'s data in any refusal or answer')
  t.equal(await snapshot(), before, 'the other owner\'s conversation and list are unchanged')
  const again = await app.inject({ method: 'POST', url: '/v1/sessions/messages', headers: { 'x-api-key': other }, payload: { platform: 'web', chatId: 'victim-chat', message: 'still mine?' } })
  t.equal(again.json().conversation.id, otherSessionConversation, 'the other owner\'s chat session survived another owner\'s DELETE of the same chat id')
  if (again.json().conversation.id !== otherSessionConversation) bypasses.push('another owner ended the session')

  await recordReliability({
    suite: 'abuse',
    scenario: 'Every secured route: bad, revoked, wrong-scope keys and another owner',
    requests,
    faults: 0,
    failures: leaks.length,
    lost: 0,
    duplicates: 0,
    unexpected5xx: 0,
    hung: 0,
    bypasses: bypasses.length,
    notes: `${operations.length} operations; ${leaks.length} leaks`
  })
})

test('X-Forwarded-For does not evade the per-IP limit when TRUST_PROXY is false', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '5', TRUST_PROXY: 'false' })
  const statuses: number[] = []
  for (let i = 0; i < 12; i++) {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}`, forwarded: `for=192.0.2.${i}` } })
    statuses.push(res.statusCode)
  }
  t.same(statuses.slice(0, 5), [200, 200, 200, 200, 200])
  t.same(statuses.slice(5), Array(7).fill(429), 'a fresh X-Forwarded-For per request changes nothing')
  await recordReliability({ suite: 'abuse', scenario: 'X-Forwarded-For rotation against the per-IP limit', requests: 12, faults: 0, failures: 0, lost: 0, duplicates: 0, unexpected5xx: 0, hung: 0, bypasses: statuses.slice(5).filter((s) => s !== 429).length, notes: 'limit 5, 12 requests with 12 forwarded addresses' })
})

test('key comparison time does not depend on how much of the key matches', async (t) => {
  const app = await build(t, { API_KEY_CACHE_TTL_MS: '0' })
  // Keys that match the real one in 0 characters and in all but the last: interleaved, so machine noise
  // hits both alike; compared by their medians' ~99% intervals, with a generous margin for a busy machine.
  const far = 'z'.repeat(TEST_API_KEY.length)
  const near = changeOneChar(TEST_API_KEY, TEST_API_KEY.length - 1)
  const samples: Record<'far' | 'near', number[]> = { far: [], near: [] }
  for (let i = 0; i < 30; i++) await app.inject({ method: 'GET', url: '/v1/usage', headers: { 'x-api-key': i % 2 === 0 ? far : near } })
  for (let i = 0; i < 600; i++) {
    for (const which of (i % 2 === 0 ? ['far', 'near'] : ['near', 'far']) as Array<'far' | 'near'>) {
      const start = process.hrtime.bigint()
      const res = await app.inject({ method: 'GET', url: '/v1/usage', headers: { 'x-api-key': which === 'far' ? far : near } })
      samples[which].push(Number(process.hrtime.bigint() - start) / 1e6)
      if (res.statusCode !== 401) t.fail(`expected 401, got ${res.statusCode}`)
    }
  }
  const [farLow, farHigh] = medianInterval(samples.far)
  const [nearLow, nearHigh] = medianInterval(samples.near)
  const margin = 0.5 * Math.min(median(samples.far), median(samples.near))
  t.ok(nearLow <= farHigh + margin && farLow <= nearHigh + margin,
    `median of a near-miss ${median(samples.near).toFixed(3)} ms [${nearLow.toFixed(3)}, ${nearHigh.toFixed(3)}] vs a far miss ${median(samples.far).toFixed(3)} ms [${farLow.toFixed(3)}, ${farHigh.toFixed(3)}]`)

  // The comparison itself, without the request around it: digests equal in 0 or 31 of 32 bytes.
  const digest = hashApiKey(TEST_API_KEY)
  const farDigest = (digest[0] === 'f' ? '0' : 'f') + digest.slice(1).split('').map((c) => c === 'f' ? '0' : 'f').join('')
  const nearDigest = digest.slice(0, -1) + (digest.at(-1) === 'f' ? '0' : 'f')
  const timings: Record<'far' | 'near', number[]> = { far: [], near: [] }
  for (let round = 0; round < 201; round++) {
    for (const which of ['far', 'near'] as const) {
      const other = which === 'far' ? farDigest : nearDigest
      const start = process.hrtime.bigint()
      for (let i = 0; i < 200; i++) if (hashesEqual(digest, other)) t.fail('different digests compared equal')
      timings[which].push(Number(process.hrtime.bigint() - start) / 200)
    }
  }
  const ratio = median(timings.near) / median(timings.far)
  t.ok(ratio > 0.5 && ratio < 2, `hashesEqual: near-miss/far-miss median ratio ${ratio.toFixed(2)}`)
  await recordReliability({ suite: 'abuse', scenario: 'Key comparison timing, near miss vs far miss', requests: 1230, faults: 0, failures: 0, lost: 0, duplicates: 0, unexpected5xx: 0, hung: 0, bypasses: 0, notes: `inject medians ${median(samples.near).toFixed(3)} vs ${median(samples.far).toFixed(3)} ms; hashesEqual ratio ${ratio.toFixed(2)}` })
})
