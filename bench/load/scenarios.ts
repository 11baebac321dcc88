// The scenarios of `npm run load` (issue 11): what each sends, and the data it needs first. Seeding goes
// through the API, as users create data, so the figures include what those writes leave behind.
import type { Options, Request } from 'autocannon'
import { Pool } from 'undici'
import { LOAD_API_KEY } from './processes.js'

export interface Scenario {
  name: string
  /** Runs against bare Fastify too (only the routes both have). */
  bare?: boolean
  /** Needs the seeded conversations. */
  seeded?: boolean
  /** Runs only when `--only` names it: kept out of the defaults, which must finish within two minutes. */
  optIn?: boolean
  /** A fixed rate in requests per second; saturated (as fast as it answers) when absent. */
  rate?: number
  /** Builds the requests once the data exists. */
  requests: (data: SeededData) => Request[]
}

export interface SeededData {
  /** 200 conversations holding 50 messages each (25 turns). */
  conversations: string[]
  /** One conversation holding 2,000 messages. */
  longConversation: string
}

const KEY_HEADERS = { 'x-api-key': LOAD_API_KEY }
const JSON_HEADERS = { ...KEY_HEADERS, 'content-type': 'application/json' }

// Questions the offline assistant answers with its tools and no network (no weather).
const QUESTIONS = [
  'what time is it in Tokyo?',
  'holidays in Spain in December',
  'what day is it in Sydney?',
  'qué hora es en Madrid?',
  'next holiday in France',
  'what time is it in New York?'
]

function question (i: number): string {
  return QUESTIONS[i % QUESTIONS.length] ?? 'hello'
}

let counter = 0

function chatBody (): string {
  return JSON.stringify({ message: question(counter++) })
}

function pick<T> (items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)]
  if (item === undefined) throw new Error('nothing to pick from')
  return item
}

function chatTo (ids: readonly string[]): Request {
  return {
    method: 'POST',
    headers: JSON_HEADERS,
    setupRequest: (request) => ({ ...request, path: `/v1/conversations/${pick(ids)}/messages`, body: chatBody() })
  }
}

/**
 * 70% list and get, 25% chat, 5% health: the `mixed` scenario and the soak. Each request gets headers of its
 * own: autocannon writes Content-Length into the headers object of a request with a body, and a GET that
 * shared that object announced a body it never sent (the server waited for it, then read the next request
 * as that body: 400s and seconds of latency that were the load generator's, not the service's).
 */
export function mixedRequest (data: SeededData): Request {
  return {
    method: 'GET',
    setupRequest: (request) => {
      const roll = Math.random()
      const get = (path: string): typeof request => ({ ...request, method: 'GET', path, headers: { ...KEY_HEADERS }, body: undefined })
      if (roll < 0.35) return get('/v1/conversations')
      if (roll < 0.70) return get(`/v1/conversations/${pick(data.conversations)}`)
      if (roll < 0.95) return { ...request, method: 'POST', path: `/v1/conversations/${pick(data.conversations)}/messages`, headers: { ...JSON_HEADERS }, body: chatBody() }
      return get('/health')
    }
  }
}

export const SCENARIOS: Scenario[] = [
  { name: 'health', bare: true, requests: () => [{ method: 'GET', path: '/health' }] },
  { name: 'health @2000/s', bare: true, rate: 2000, requests: () => [{ method: 'GET', path: '/health' }] },
  // /ready answers from the same cached probe as /health (three runs that had both measured /ready at 94-119%
  // of /health); the 404 goes through the limits and the log like any request. Neither has a target of its own.
  { name: 'ready', optIn: true, requests: () => [{ method: 'GET', path: '/ready' }] },
  { name: 'unknown route (404)', optIn: true, requests: () => [{ method: 'GET', path: '/no/such/route' }] },
  { name: 'list', seeded: true, requests: () => [{ method: 'GET', path: '/v1/conversations', headers: KEY_HEADERS }] },
  { name: 'list @1000/s', seeded: true, rate: 1000, requests: () => [{ method: 'GET', path: '/v1/conversations', headers: KEY_HEADERS }] },
  { name: 'chat (200 conversations)', seeded: true, requests: (data) => [chatTo(data.conversations)] },
  { name: 'chat @500/s', seeded: true, rate: 500, requests: (data) => [chatTo(data.conversations)] },
  { name: 'chat (one conversation, 2,000 messages)', seeded: true, requests: (data) => [chatTo([data.longConversation])] },
  {
    name: 'create',
    requests: () => [{ method: 'POST', path: '/v1/conversations', headers: JSON_HEADERS, setupRequest: (request) => ({ ...request, body: chatBody() }) }]
  },
  { name: 'mixed @1000/s', seeded: true, rate: 1000, requests: (data) => [mixedRequest(data)] }
]

// Seeding sends about 6,000 requests over one keep-alive pool, as the fixed-rate runs do. Its time is the
// service's: 15.5 s this way against 16.2 s with fetch, one run each here.
async function post (pool: Pool, path: string, body: unknown): Promise<{ conversation: { id: string } }> {
  const res = await pool.request({ method: 'POST', path, headers: JSON_HEADERS, body: JSON.stringify(body) })
  if (res.statusCode !== 201) throw new Error(`seeding ${path}: ${res.statusCode} ${await res.body.text()}`)
  return await res.body.json() as { conversation: { id: string } }
}

/** Runs `tasks` with at most `concurrency` in flight. */
async function inParallel (count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++)
  }))
}

export async function seed (base: string): Promise<SeededData> {
  const pool = new Pool(base, { connections: 32 })
  try {
    const conversations: string[] = []
    await inParallel(200, 20, async (i) => {
      conversations.push((await post(pool, '/v1/conversations', { message: question(i) })).conversation.id)
    })
    // 24 more turns each: 50 messages per conversation.
    await inParallel(200 * 24, 32, async (i) => {
      await post(pool, `/v1/conversations/${conversations[i % 200] ?? ''}/messages`, { message: question(i) })
    })
    const longConversation = (await post(pool, '/v1/conversations', { message: question(0) })).conversation.id
    await inParallel(999, 32, async (i) => {
      await post(pool, `/v1/conversations/${longConversation}/messages`, { message: question(i) })
    })
    return { conversations, longConversation }
  } finally {
    await pool.close()
  }
}

export type LoadOptions = Pick<Options, 'connections' | 'duration'>
