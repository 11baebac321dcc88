// The fuzzing run shared by test/reliability/openapi-fuzz.test.ts (inject, in `npm test`) and
// test/reliability/slow/openapi-fuzz-long.test.ts (more runs): two owners, a snapshot of the second owner's
// conversation, every operation of the app's OpenAPI document fuzzed with the first owner's key, then the
// second owner's data compared with the snapshot.
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { TEST_API_KEY } from '../helper.js'
import { anyRequest, leakPatternsFor, operationsOf, type FuzzRequest } from './openapi-fuzz.js'

export interface FuzzOutcome {
  requests: number
  /** One line per response with a 5xx status or a leak, with the request that caused it. */
  failures: string[]
  /** The second owner's data changed or was seen by the first owner. */
  bypasses: string[]
  statuses: Record<string, number>
}

export interface Sender { (request: FuzzRequest): Promise<{ statusCode: number, body: string, headers: Record<string, unknown> }> }

async function json (app: FastifyInstance, url: string, key: string): Promise<any> {
  const res = await app.inject({ method: 'GET', url, headers: { 'x-api-key': key } })
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

async function start (app: FastifyInstance, key: string, message: string, metadata?: Record<string, string>): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { 'x-api-key': key }, payload: { message, ...(metadata === undefined ? {} : { metadata }) } })
  if (res.statusCode !== 201) throw new Error(`start: ${res.statusCode} ${res.body}`)
  return res.json().conversation.id
}

function tamper (cursor: string): string[] {
  const flip = (i: number): string => cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1)
  return [flip(0), flip(cursor.length - 1), flip(Math.floor(cursor.length / 2)), cursor + 'A', cursor.slice(0, -1)]
}

/**
 * Fuzzes `app` with `runs` generated requests sent by `send` (inject by default). The first owner is the
 * test key (every scope); the second owner has a chat key and a conversation the fuzzer aims ids at.
 */
export async function fuzzApp (app: FastifyInstance, runs: number, seed: number, send?: Sender): Promise<FuzzOutcome> {
  const other = (await app.apiKeys.create({ name: 'fuzz-other-owner', scopes: ['chat'] })).key
  const otherId = await start(app, other, 'my secret plans for Tokyo', { platform: 'web', userId: 'victim', chatId: 'victim-chat' })
  const otherBefore = await json(app, `/v1/conversations/${otherId}`, other)
  const otherListBefore = await json(app, '/v1/conversations', other)
  const mine = [await start(app, TEST_API_KEY, 'hello'), await start(app, TEST_API_KEY, 'time in Paris?'), await start(app, TEST_API_KEY, 'hi again')]
  const page = await json(app, '/v1/conversations?limit=1', TEST_API_KEY)
  const realCursor: string = page.nextCursor
  const otherPage = await json(app, `/v1/conversations/${otherId}?messagesLimit=1`, other)
  const otherCursor: string | undefined = otherPage.nextBefore

  const cursors = [
    realCursor, ...tamper(realCursor),
    ...(typeof otherCursor === 'string' ? [otherCursor] : []),
    Buffer.from(`0.${otherId}`).toString('base64url'),
    Buffer.from(`999999999999999.${otherId}`).toString('base64url'),
    Buffer.from('{"$gt":""}').toString('base64url'),
    Buffer.from('{"updatedAt":{"$gt":""},"_id":{"$ne":null}}').toString('base64url'),
    '{"$gt":""}', 'eyIkZ3QiOiIifQ', '', 'A'.repeat(65), '..', '0.000000000000000000000000'
  ]
  const ids = [...mine, otherId, '{"$gt":""}', '{"$ne":null}', '000000000000000000000000', otherId.toUpperCase(), otherId + ' ', `${otherId.slice(0, 23)}g`, 'x'.repeat(5000)]

  const operations = operationsOf(app.swagger() as any)
  const send1: Sender = send ?? (async (r) => {
    const res = await app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.payload === undefined ? {} : { payload: r.payload }) })
    return { statusCode: res.statusCode, body: res.body, headers: res.headers }
  })
  const outcome: FuzzOutcome = { requests: 0, failures: [], bypasses: [], statuses: {} }
  const otherSecret = /secret plans|victim/

  await fc.assert(fc.asyncProperty(anyRequest(operations, { ids: () => ids, cursors: () => cursors, headers: { 'x-api-key': TEST_API_KEY } }), async (request) => {
    const res = await send1(request)
    outcome.requests++
    outcome.statuses[res.statusCode] = (outcome.statuses[res.statusCode] ?? 0) + 1
    const where = `${request.label} ${request.url.slice(0, 200)}`
    if (res.statusCode >= 500) outcome.failures.push(`${res.statusCode} ${where}: ${res.body.slice(0, 300)}`)
    const text = res.body + JSON.stringify(res.headers)
    for (const leak of leakPatternsFor(request.url)) if (leak.test(text)) outcome.failures.push(`leak ${String(leak)} ${where}: ${res.body.slice(0, 300)}`)
    if (otherSecret.test(res.body) && !(request.payload?.toString() ?? '').includes('victim')) outcome.bypasses.push(`saw the other owner's data: ${where}`)
    return true
  }), { numRuns: runs, seed, endOnFailure: true })

  const otherAfter = await json(app, `/v1/conversations/${otherId}`, other)
  const otherListAfter = await json(app, '/v1/conversations', other)
  if (JSON.stringify(otherAfter) !== JSON.stringify(otherBefore)) outcome.bypasses.push('the other owner\'s conversation changed')
  if (JSON.stringify(otherListAfter) !== JSON.stringify(otherListBefore)) outcome.bypasses.push('the other owner\'s list changed')
  if (({} as Record<string, unknown>).polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined) outcome.bypasses.push('Object.prototype polluted')
  return outcome
}
