// The smoke test's steps: the checklist's verification steps 4 to 8 (health, metrics, rate limiting, API
// authentication, indexes) and a whole conversation over REST and Twirp. Each step throws with the reason
// it failed; steps that need an earlier one's result (a conversation id) read it from the shared state.
import type { SmokeClient, SmokeResponse } from './client.js'

export interface SmokeContext {
  request: SmokeClient
  apiKey: string | undefined
  /** Checks the database's migrations and indexes (checklist step 8), when the smoke test can reach it. */
  checkIndexes?: () => Promise<string>
  state: { conversationId?: string }
}

export interface SmokeStep { name: string, run: (ctx: SmokeContext) => Promise<string> }

function expectStatus (response: SmokeResponse, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text.slice(0, 200)}`)
  }
}

function keyHeaders (ctx: SmokeContext): Record<string, string> {
  if (ctx.apiKey === undefined || ctx.apiKey === '') throw new Error('API_KEY is not set')
  return { 'x-api-key': ctx.apiKey }
}

function conversationId (ctx: SmokeContext): string {
  if (ctx.state.conversationId === undefined) throw new Error('no conversation: the start step failed')
  return ctx.state.conversationId
}

interface Message { role?: string, content?: string }

function assistantReply (reply: Message | undefined): string {
  if (reply?.role !== 'assistant' || typeof reply.content !== 'string' || reply.content === '') {
    throw new Error(`no assistant reply in the response: ${JSON.stringify(reply)?.slice(0, 200)}`)
  }
  return reply.content.length > 60 ? `${reply.content.slice(0, 57)}...` : reply.content
}

const ACCEPTED_CHECKS = new Set(['ok', 'embedded'])

export const SMOKE_STEPS: SmokeStep[] = [
  {
    name: 'GET /health is healthy',
    async run ({ request }) {
      const response = await request('/health')
      expectStatus(response, 200, '/health')
      const body = response.json() as { status?: string, checks?: Record<string, string> }
      const checks = Object.entries(body.checks ?? {})
      if (body.status !== 'healthy' || checks.length === 0 || !checks.every(([, state]) => ACCEPTED_CHECKS.has(state))) {
        throw new Error(`/health answered ${response.text}`)
      }
      return checks.map(([name, state]) => `${name} ${state}`).join(', ')
    }
  },
  {
    name: 'GET /ready is ready',
    async run ({ request }) {
      expectStatus(await request('/ready'), 200, '/ready')
      return '200'
    }
  },
  {
    name: 'GET /metrics without a key is refused',
    async run ({ request }) {
      expectStatus(await request('/metrics'), 401, '/metrics without a key')
      return '401'
    }
  },
  {
    name: 'GET /metrics with the key serves http_requests_total',
    async run (ctx) {
      const response = await ctx.request('/metrics', { headers: keyHeaders(ctx) })
      expectStatus(response, 200, '/metrics with the key')
      if (!/^http_requests_total\{/m.test(response.text)) throw new Error('/metrics has no http_requests_total sample')
      return '200'
    }
  },
  {
    name: 'POST /v1/conversations starts a conversation',
    async run (ctx) {
      const response = await ctx.request('/v1/conversations', { method: 'POST', headers: keyHeaders(ctx), body: { message: 'What time is it in Tokyo?' } })
      expectStatus(response, 201, 'start')
      const body = response.json() as { conversation?: { id?: string, title?: string }, reply?: Message }
      if (typeof body.conversation?.id !== 'string') throw new Error(`no conversation id in ${response.text.slice(0, 200)}`)
      ctx.state.conversationId = body.conversation.id
      return `"${body.conversation.title ?? ''}": ${assistantReply(body.reply)}`
    }
  },
  {
    name: 'POST /v1/conversations/{id}/messages continues it',
    async run (ctx) {
      const id = conversationId(ctx)
      const response = await ctx.request(`/v1/conversations/${id}/messages`, { method: 'POST', headers: keyHeaders(ctx), body: { message: 'And in Madrid?' } })
      expectStatus(response, 201, 'continue')
      return assistantReply((response.json() as { reply?: Message }).reply)
    }
  },
  {
    name: 'GET /v1/conversations lists it',
    async run (ctx) {
      const id = conversationId(ctx)
      const response = await ctx.request('/v1/conversations?limit=100', { headers: keyHeaders(ctx) })
      expectStatus(response, 200, 'list')
      const items = (response.json() as { items?: Array<{ id?: string }> }).items ?? []
      if (!items.some((item) => item.id === id)) throw new Error(`conversation ${id} is not among the ${items.length} listed`)
      return `${items.length} conversation(s)`
    }
  },
  {
    name: 'GET /v1/conversations/{id} returns its messages',
    async run (ctx) {
      const id = conversationId(ctx)
      const response = await ctx.request(`/v1/conversations/${id}`, { headers: keyHeaders(ctx) })
      expectStatus(response, 200, 'get')
      const messages = (response.json() as { messages?: Message[] }).messages ?? []
      const roles = messages.map((m) => m.role).join(',')
      if (roles !== 'user,assistant,user,assistant') throw new Error(`expected two turns, got roles [${roles}]`)
      return `${messages.length} messages`
    }
  },
  {
    name: 'POST /twirp/acai.chat.ChatService/StartConversation',
    async run (ctx) {
      const response = await ctx.request('/twirp/acai.chat.ChatService/StartConversation', { method: 'POST', headers: keyHeaders(ctx), body: { message: 'Is today a holiday in Spain?' } })
      expectStatus(response, 200, 'Twirp StartConversation')
      const body = response.json() as { conversation_id?: string, reply?: string }
      if (typeof body.conversation_id !== 'string' || typeof body.reply !== 'string' || body.reply === '') {
        throw new Error(`unexpected Twirp answer ${response.text.slice(0, 200)}`)
      }
      return `conversation ${body.conversation_id}`
    }
  },
  {
    name: 'database migrations applied and indexes present',
    async run ({ checkIndexes }) {
      if (checkIndexes === undefined) return 'skipped: set MONGODB_URI to the server\'s database to check its indexes'
      return checkIndexes()
    }
  },
  {
    // Last, so the 429s it provokes cannot fail the steps above. The checklist's 15 quick requests.
    name: '15 quick GET /health requests meet the per-IP rate limit',
    async run ({ request }) {
      const responses = await Promise.all(Array.from({ length: 15 }, () => request('/health', { retryRateLimited: false })))
      const limited = responses.filter((r) => r.status === 429)
      if (limited.length === 0) throw new Error(`no 429 among 15 requests (statuses ${[...new Set(responses.map((r) => r.status))].join(', ')})`)
      if (limited.some((r) => r.headers.get('retry-after') === null)) throw new Error('a 429 without Retry-After')
      return `${limited.length} of 15 answered 429 with Retry-After`
    }
  }
]
