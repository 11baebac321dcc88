// The contract cases, one row per operation of the OpenAPI document. A row gives a request the operation
// accepts and the scope its key needs; from those the runner derives the 401, 403, 429 and 503 cases
// for each of them the operation documents. `cases` provoke the success and the other documented
// statuses; a documented status no request can provoke is listed in `unprovokable` with the reason.
// Adding a route: add its row here, or the contract suite fails naming the operation.
import { randomUUID } from 'node:crypto'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { ContractApps } from './apps.js'

export type Scope = 'chat' | 'metrics' | 'admin'

export interface ContractCase {
  status: number
  name: string
  /** The reply is a Server-Sent Events stream: its `done` event must match the operation's 201 body. */
  stream?: boolean
  /** Headers the document marks optional that this case must see (lower case). */
  sends?: string[]
  send: (apps: ContractApps) => Promise<LightMyRequestResponse>
}

export interface OperationContract {
  /** A request the operation accepts from the bootstrap key: the base of the derived cases. */
  request: (apps: ContractApps) => InjectOptions | Promise<InjectOptions>
  /** The scope its API key needs; null for a public route. */
  scope: Scope | null
  cases: ContractCase[]
  unprovokable?: Record<number, string>
}

const V1 = '/v1/conversations'
const TWIRP = '/twirp/acai.chat.ChatService'
const UNKNOWN_ID = '0123456789abcdef01234567'
const TOO_LARGE = 'x'.repeat(5000) // main's BODY_LIMIT is 4096

function request (method: InjectOptions['method'], url: string, payload: InjectOptions['payload'] | undefined, headers: Record<string, string>): InjectOptions {
  return payload === undefined ? { method, url, headers } : { method, url, headers, payload }
}

function twirp (apps: ContractApps, method: string, payload: unknown, headers: Record<string, string> = {}): InjectOptions {
  return { method: 'POST', url: `${TWIRP}/${method}`, headers: { ...apps.auth, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) }
}

/** The main contract app has the Telegram webhook on with this secret (test/contract/apps.ts). */
export const TELEGRAM_SECRET = 'contract-secret'

function telegram (payload: object, secret = TELEGRAM_SECRET): InjectOptions {
  return { method: 'POST', url: '/v1/integrations/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': secret }, payload }
}

function send (build: (apps: ContractApps) => InjectOptions | Promise<InjectOptions>): ContractCase['send'] {
  return async (apps) => apps.main.inject(await build(apps))
}

function withKey (opts: InjectOptions, key: string): InjectOptions {
  return { ...opts, headers: { ...(opts.headers as Record<string, string>), 'idempotency-key': key } }
}

/** A second request with the Idempotency-Key of one the assistant is still answering: 409. */
function duplicateInFlight (build: (apps: ContractApps) => InjectOptions | Promise<InjectOptions>): ContractCase['send'] {
  return async (apps) => {
    const opts = withKey(await build(apps), randomUUID())
    const { entered, release } = apps.main.provider.hold()
    const first = apps.main.inject(opts)
    try {
      const answered = await Promise.race([entered.then(() => undefined), first])
      if (answered !== undefined) throw new Error(`the first request never reached the assistant: ${answered.statusCode} ${answered.body}`)
      return await apps.main.inject(opts)
    } finally {
      release()
      await first
    }
  }
}

/** The Idempotency-Key of a completed request, sent with another request: 422. */
function keyReused (first: (apps: ContractApps) => InjectOptions | Promise<InjectOptions>, second: (apps: ContractApps) => InjectOptions | Promise<InjectOptions>): ContractCase['send'] {
  return async (apps) => {
    const key = randomUUID()
    const done = await apps.main.inject(withKey(await first(apps), key))
    if (done.statusCode >= 300) throw new Error(`setup failed: ${done.statusCode} ${done.body}`)
    return apps.main.inject(withKey(await second(apps), key))
  }
}

/** The request while the assistant is down: 503, the message stored. */
function assistantDown (build: (apps: ContractApps) => InjectOptions | Promise<InjectOptions>): ContractCase['send'] {
  return async (apps) => {
    const opts = await build(apps)
    apps.main.provider.down = true
    try {
      return await apps.main.inject(opts)
    } finally {
      apps.main.provider.down = false
    }
  }
}

/** The request while a chat service method fails unexpectedly (a bug): Twirp `internal`. */
function internalFailure (method: 'start' | 'post' | 'list' | 'describe', build: (apps: ContractApps) => InjectOptions): ContractCase['send'] {
  return async (apps) => {
    const chat = apps.main.app.chat
    const original: unknown = Reflect.get(chat, method)
    Reflect.set(chat, method, async () => { throw new Error('unexpected') })
    try {
      return await apps.main.inject(build(apps))
    } finally {
      Reflect.set(chat, method, original)
    }
  }
}

const createBody = { message: 'what time is it in Tokyo?', metadata: { platform: 'web' } }
const create = (apps: ContractApps, payload: unknown = createBody): InjectOptions => request('POST', V1, payload as InjectOptions['payload'], apps.auth)
const sessionBody = { platform: 'telegram', chatId: '-100123456', userId: 'u-42', message: '¿qué hora es en Madrid?' }
const session = (apps: ContractApps, payload: unknown = sessionBody): InjectOptions => request('POST', '/v1/sessions/messages', payload as InjectOptions['payload'], apps.auth)
const asText = (opts: InjectOptions): InjectOptions => ({ ...opts, headers: { ...(opts.headers as Record<string, string>), 'content-type': 'text/plain' }, payload: 'hello' })

export const CONTRACT: Record<string, OperationContract> = {
  getHealth: {
    scope: null,
    request: () => ({ method: 'GET', url: '/health' }),
    cases: [{ status: 200, name: 'healthy', send: send(() => ({ method: 'GET', url: '/health' })) }]
  },
  getReady: {
    scope: null,
    request: () => ({ method: 'GET', url: '/ready' }),
    cases: [{ status: 200, name: 'ready', send: send(() => ({ method: 'GET', url: '/ready' })) }]
  },
  getMetrics: {
    scope: 'metrics',
    request: (apps) => ({ method: 'GET', url: '/metrics', headers: apps.auth }),
    cases: [{ status: 200, name: 'Prometheus text', send: send((apps) => ({ method: 'GET', url: '/metrics', headers: apps.auth })) }]
  },

  createConversation: {
    scope: 'chat',
    request: (apps) => create(apps),
    cases: [
      { status: 201, name: 'started with its reply', send: send((apps) => create(apps)) },
      { status: 201, name: 'an idempotent replay', sends: ['idempotent-replayed'], send: async (apps) => { const opts = withKey(create(apps), randomUUID()); await apps.main.inject(opts); return apps.main.inject(opts) } },
      { status: 400, name: 'unknown field', send: send((apps) => create(apps, { message: 'hi', colour: 'red' })) },
      { status: 409, name: 'the same Idempotency-Key still in progress', send: duplicateInFlight((apps) => create(apps)) },
      { status: 413, name: 'body over BODY_LIMIT', send: send((apps) => create(apps, { message: TOO_LARGE })) },
      { status: 415, name: 'not JSON', send: send((apps) => asText(create(apps))) },
      { status: 422, name: 'Idempotency-Key reused with another body', send: keyReused((apps) => create(apps), (apps) => create(apps, { message: 'something else' })) },
      { status: 503, name: 'the assistant is down', send: assistantDown((apps) => create(apps)) }
    ]
  },
  listConversations: {
    scope: 'chat',
    request: (apps) => request('GET', `${V1}?limit=2`, undefined, apps.auth),
    cases: [
      { status: 200, name: 'a page', send: send((apps) => request('GET', `${V1}?limit=2`, undefined, apps.auth)) },
      { status: 400, name: 'limit out of range', send: send((apps) => request('GET', `${V1}?limit=0`, undefined, apps.auth)) }
    ]
  },
  getConversation: {
    scope: 'chat',
    request: (apps) => request('GET', `${V1}/${UNKNOWN_ID}`, undefined, apps.auth),
    cases: [
      { status: 200, name: 'with its messages', send: send(async (apps) => request('GET', `${V1}/${await apps.conversation()}?messagesLimit=1`, undefined, apps.auth)) },
      { status: 400, name: 'messagesLimit out of range', send: send(async (apps) => request('GET', `${V1}/${await apps.conversation()}?messagesLimit=0`, undefined, apps.auth)) },
      { status: 404, name: 'unknown id', send: send((apps) => request('GET', `${V1}/${UNKNOWN_ID}`, undefined, apps.auth)) }
    ]
  },
  renameConversation: {
    scope: 'chat',
    request: (apps) => request('PATCH', `${V1}/${UNKNOWN_ID}`, { title: 'Trip' }, apps.auth),
    cases: [
      { status: 200, name: 'renamed', send: send(async (apps) => request('PATCH', `${V1}/${await apps.conversation()}`, { title: 'Trip to Tokyo' }, apps.auth)) },
      { status: 400, name: 'blank title', send: send(async (apps) => request('PATCH', `${V1}/${await apps.conversation()}`, { title: '  ' }, apps.auth)) },
      { status: 404, name: 'unknown id', send: send((apps) => request('PATCH', `${V1}/${UNKNOWN_ID}`, { title: 'Trip' }, apps.auth)) },
      { status: 413, name: 'body over BODY_LIMIT', send: send(async (apps) => request('PATCH', `${V1}/${await apps.conversation()}`, { title: TOO_LARGE }, apps.auth)) },
      { status: 415, name: 'not JSON', send: send(async (apps) => asText(request('PATCH', `${V1}/${await apps.conversation()}`, { title: 'Trip' }, apps.auth))) }
    ]
  },
  deleteConversation: {
    scope: 'chat',
    request: (apps) => request('DELETE', `${V1}/${UNKNOWN_ID}`, undefined, apps.auth),
    cases: [
      { status: 204, name: 'deleted', send: send(async (apps) => request('DELETE', `${V1}/${await apps.conversation()}`, undefined, apps.auth)) },
      { status: 404, name: 'unknown id', send: send((apps) => request('DELETE', `${V1}/${UNKNOWN_ID}`, undefined, apps.auth)) }
    ]
  },
  postMessage: {
    scope: 'chat',
    request: (apps) => request('POST', `${V1}/${UNKNOWN_ID}/messages`, { message: 'and in Madrid?' }, apps.auth),
    cases: [
      { status: 201, name: 'the reply', send: send(async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'and in Madrid?' }, apps.auth)) },
      { status: 200, name: 'the reply streamed', stream: true, send: send(async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'and in Madrid?' }, { ...apps.auth, accept: 'text/event-stream' })) },
      { status: 400, name: 'unknown field', send: send(async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'hi', role: 'system' }, apps.auth)) },
      { status: 404, name: 'unknown id', send: send((apps) => request('POST', `${V1}/${UNKNOWN_ID}/messages`, { message: 'hi' }, apps.auth)) },
      { status: 409, name: 'the same Idempotency-Key still in progress', send: duplicateInFlight(async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'and in Madrid?' }, apps.auth)) },
      { status: 413, name: 'body over BODY_LIMIT', send: send(async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: TOO_LARGE }, apps.auth)) },
      { status: 415, name: 'not JSON', send: send(async (apps) => asText(request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'hi' }, apps.auth))) },
      { status: 422, name: 'Idempotency-Key reused with another body', send: keyReused(async (apps) => create(apps), async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'hi' }, apps.auth)) },
      { status: 503, name: 'the assistant is down', send: assistantDown(async (apps) => request('POST', `${V1}/${await apps.conversation()}/messages`, { message: 'and in Madrid?' }, apps.auth)) }
    ]
  },
  replyToLastMessage: {
    scope: 'chat',
    request: (apps) => request('POST', `${V1}/${UNKNOWN_ID}/reply`, undefined, apps.auth),
    cases: [
      {
        status: 201,
        name: 'the missing reply after an outage',
        send: async (apps) => {
          const id = await apps.conversation()
          await assistantDown(() => request('POST', `${V1}/${id}/messages`, { message: 'and in Madrid?' }, apps.auth))(apps)
          return apps.main.inject(request('POST', `${V1}/${id}/reply`, undefined, apps.auth))
        }
      },
      { status: 404, name: 'unknown id', send: send((apps) => request('POST', `${V1}/${UNKNOWN_ID}/reply`, undefined, apps.auth)) },
      { status: 409, name: 'no reply pending', send: send(async (apps) => request('POST', `${V1}/${await apps.conversation()}/reply`, undefined, apps.auth)) },
      { status: 422, name: 'Idempotency-Key of another request', send: keyReused((apps) => create(apps), async (apps) => request('POST', `${V1}/${await apps.conversation()}/reply`, undefined, apps.auth)) }
    ]
  },
  postSessionMessage: {
    scope: 'chat',
    request: (apps) => session(apps),
    cases: [
      { status: 201, name: 'continues or starts the chat\'s conversation', send: send((apps) => session(apps)) },
      { status: 400, name: 'platform not lower case', send: send((apps) => session(apps, { ...sessionBody, platform: 'Telegram!' })) },
      { status: 409, name: 'the same Idempotency-Key still in progress', send: duplicateInFlight((apps) => session(apps, { ...sessionBody, chatId: randomUUID() })) },
      { status: 413, name: 'body over BODY_LIMIT', send: send((apps) => session(apps, { ...sessionBody, message: TOO_LARGE })) },
      { status: 415, name: 'not JSON', send: send((apps) => asText(session(apps))) },
      { status: 422, name: 'Idempotency-Key reused with another body', send: keyReused((apps) => session(apps), (apps) => session(apps, { ...sessionBody, message: 'other' })) }
    ]
  },
  resetSession: {
    scope: 'chat',
    request: (apps) => request('DELETE', '/v1/sessions/telegram/-100123456', undefined, apps.auth),
    cases: [
      { status: 204, name: 'reset', send: send((apps) => request('DELETE', '/v1/sessions/telegram/-100123456', undefined, apps.auth)) },
      { status: 400, name: 'platform not lower case', send: send((apps) => request('DELETE', '/v1/sessions/Telegram!/1', undefined, apps.auth)) }
    ]
  },

  getUsage: {
    scope: 'chat',
    request: (apps) => request('GET', '/v1/usage?days=7', undefined, apps.auth),
    cases: [
      { status: 200, name: 'per day, with totals', send: send((apps) => request('GET', '/v1/usage?days=7', undefined, apps.auth)) },
      { status: 400, name: 'days out of range', send: send((apps) => request('GET', '/v1/usage?days=0', undefined, apps.auth)) }
    ]
  },
  listPrompts: {
    scope: 'admin',
    request: (apps) => request('GET', '/v1/admin/prompts', undefined, apps.auth),
    cases: [
      { status: 200, name: 'every version', send: send((apps) => request('GET', '/v1/admin/prompts?platform=default', undefined, apps.auth)) },
      { status: 400, name: 'platform not lower case', send: send((apps) => request('GET', '/v1/admin/prompts?platform=Telegram!', undefined, apps.auth)) }
    ]
  },
  putPrompt: {
    scope: 'admin',
    request: (apps) => request('PUT', '/v1/admin/prompts/contract', { text: 'You are a terse assistant.' }, apps.auth),
    cases: [
      { status: 200, name: 'a new active version', send: send((apps) => request('PUT', '/v1/admin/prompts/contract', { text: 'You are a terse assistant.' }, apps.auth)) },
      { status: 400, name: 'empty text', send: send((apps) => request('PUT', '/v1/admin/prompts/contract', { text: '' }, apps.auth)) },
      { status: 413, name: 'body over BODY_LIMIT', send: send((apps) => request('PUT', '/v1/admin/prompts/contract', { text: TOO_LARGE }, apps.auth)) },
      { status: 415, name: 'not JSON', send: send((apps) => asText(request('PUT', '/v1/admin/prompts/contract', { text: 'x' }, apps.auth))) }
    ]
  },
  createApiKey: {
    scope: 'admin',
    request: (apps) => request('POST', '/v1/admin/keys', { name: 'contract', scopes: ['chat'] }, apps.auth),
    cases: [
      { status: 201, name: 'a signed key with an expiry', send: send((apps) => request('POST', '/v1/admin/keys', { name: 'contract', scopes: ['chat'], expiresAt: '2999-01-01T00:00:00Z', rateLimit: 5, requireSignature: true }, apps.auth)) },
      { status: 400, name: 'an expiry in the past', send: send((apps) => request('POST', '/v1/admin/keys', { name: 'contract', scopes: ['chat'], expiresAt: '2001-01-01T00:00:00Z' }, apps.auth)) },
      { status: 413, name: 'body over BODY_LIMIT', send: send((apps) => request('POST', '/v1/admin/keys', { name: TOO_LARGE, scopes: ['chat'] }, apps.auth)) },
      { status: 415, name: 'not JSON', send: send((apps) => asText(request('POST', '/v1/admin/keys', { name: 'x', scopes: ['chat'] }, apps.auth))) }
    ]
  },
  listApiKeys: {
    scope: 'admin',
    request: (apps) => request('GET', '/v1/admin/keys', undefined, apps.auth),
    cases: [
      { status: 200, name: 'every key, without secrets', send: send((apps) => request('GET', '/v1/admin/keys', undefined, apps.auth)) }
    ]
  },
  revokeApiKey: {
    scope: 'admin',
    request: (apps) => request('DELETE', `/v1/admin/keys/${UNKNOWN_ID}`, undefined, apps.auth),
    cases: [
      {
        status: 204,
        name: 'a fresh key revoked',
        send: async (apps) => {
          const { id } = await apps.main.app.apiKeys.create({ name: 'contract-revoke', scopes: ['chat'] })
          return apps.main.inject(request('DELETE', `/v1/admin/keys/${id}`, undefined, apps.auth))
        }
      },
      { status: 400, name: 'not a key id', send: send((apps) => request('DELETE', '/v1/admin/keys/nope', undefined, apps.auth)) },
      { status: 404, name: 'no such key', send: send((apps) => request('DELETE', `/v1/admin/keys/${UNKNOWN_ID}`, undefined, apps.auth)) }
    ]
  },
  listAuditEntries: {
    scope: 'admin',
    request: (apps) => request('GET', '/v1/admin/audit', undefined, apps.auth),
    cases: [
      { status: 200, name: 'filtered by action', send: send((apps) => request('GET', '/v1/admin/audit?action=key.created&limit=5', undefined, apps.auth)) },
      { status: 400, name: 'an unknown action', send: send((apps) => request('GET', '/v1/admin/audit?action=nope', undefined, apps.auth)) }
    ]
  },
  twirpStartConversation: {
    scope: 'chat',
    request: (apps) => twirp(apps, 'StartConversation', { message: 'hello' }),
    cases: [
      { status: 200, name: 'snake_case session metadata', send: send((apps) => twirp(apps, 'StartConversation', { message: "what's the time in Tokyo?", session_metadata: { platform: 'telegram', user_id: 'u-42', chat_id: 'tw-1' } })) },
      { status: 200, name: 'lowerCamelCase session metadata', send: send((apps) => twirp(apps, 'StartConversation', { message: "what's the time in Tokyo?", sessionMetadata: { platform: 'telegram', userId: 'u-42', chatId: 'tw-2' } })) },
      { status: 400, name: 'blank message', send: send((apps) => twirp(apps, 'StartConversation', { message: ' ' })) },
      { status: 404, name: 'not JSON: bad_route', send: send((apps) => ({ ...twirp(apps, 'StartConversation', {}), headers: { ...apps.auth, 'content-type': 'text/plain' } })) },
      { status: 409, name: 'the same Idempotency-Key still in progress', send: duplicateInFlight((apps) => twirp(apps, 'StartConversation', { message: 'hello' })) },
      { status: 500, name: 'an unexpected failure', send: internalFailure('start', (apps) => twirp(apps, 'StartConversation', { message: 'hello' })) }
    ]
  },
  twirpContinueConversation: {
    scope: 'chat',
    request: (apps) => twirp(apps, 'ContinueConversation', { conversation_id: UNKNOWN_ID, message: 'hello' }),
    cases: [
      { status: 200, name: 'snake_case', send: send(async (apps) => twirp(apps, 'ContinueConversation', { conversation_id: await apps.conversation(), message: 'and in Madrid?' })) },
      { status: 200, name: 'lowerCamelCase', send: send(async (apps) => twirp(apps, 'ContinueConversation', { conversationId: await apps.conversation(), message: 'and in Madrid?' })) },
      { status: 400, name: 'neither conversation_id nor session', send: send((apps) => twirp(apps, 'ContinueConversation', { message: 'hello' })) },
      { status: 404, name: 'unknown conversation', send: send((apps) => twirp(apps, 'ContinueConversation', { conversation_id: UNKNOWN_ID, message: 'hello' })) },
      { status: 409, name: 'the same Idempotency-Key still in progress', send: duplicateInFlight(async (apps) => twirp(apps, 'ContinueConversation', { conversation_id: await apps.conversation(), message: 'and in Madrid?' })) },
      { status: 500, name: 'an unexpected failure', send: internalFailure('post', (apps) => twirp(apps, 'ContinueConversation', { conversation_id: UNKNOWN_ID, message: 'hello' })) }
    ]
  },
  twirpListConversations: {
    scope: 'chat',
    request: (apps) => twirp(apps, 'ListConversations', {}),
    cases: [
      { status: 200, name: 'the latest conversations', send: send((apps) => twirp(apps, 'ListConversations', {})) },
      { status: 400, name: 'malformed JSON', send: send((apps) => ({ ...twirp(apps, 'ListConversations', {}), payload: '{' })) },
      { status: 404, name: 'no Content-Type: bad_route', send: send((apps) => ({ method: 'POST', url: `${TWIRP}/ListConversations`, headers: apps.auth })) },
      { status: 500, name: 'an unexpected failure', send: internalFailure('list', (apps) => twirp(apps, 'ListConversations', {})) }
    ]
  },
  twirpDescribeConversation: {
    scope: 'chat',
    request: (apps) => twirp(apps, 'DescribeConversation', { conversation_id: UNKNOWN_ID }),
    cases: [
      { status: 200, name: 'snake_case', send: send(async (apps) => twirp(apps, 'DescribeConversation', { conversation_id: await apps.conversation() })) },
      { status: 200, name: 'lowerCamelCase', send: send(async (apps) => twirp(apps, 'DescribeConversation', { conversationId: await apps.conversation() })) },
      { status: 400, name: 'conversation_id not a string', send: send((apps) => twirp(apps, 'DescribeConversation', { conversation_id: 42 })) },
      { status: 404, name: 'unknown conversation', send: send((apps) => twirp(apps, 'DescribeConversation', { conversation_id: UNKNOWN_ID })) },
      { status: 500, name: 'an unexpected failure', send: internalFailure('describe', (apps) => twirp(apps, 'DescribeConversation', { conversation_id: UNKNOWN_ID })) }
    ]
  },
  telegramWebhook: {
    scope: null,
    request: () => telegram({ update_id: 1 }),
    cases: [
      { status: 200, name: 'an update without a message (nothing to answer)', send: send(() => telegram({ update_id: 2 })) },
      { status: 400, name: 'no update_id', send: send(() => telegram({ message: {} })) },
      { status: 401, name: 'a wrong secret token', send: send(() => telegram({ update_id: 3 }, 'wrong')) },
      { status: 413, name: 'body over BODY_LIMIT', send: send(() => telegram({ update_id: 4, text: TOO_LARGE })) },
      { status: 415, name: 'not JSON', send: send(() => asText(telegram({ update_id: 5 }))) }
    ],
    unprovokable: { 404: 'only when no bot token is configured (the contract app has one); test/plugins/telegram.test.ts covers it' }
  }
}
