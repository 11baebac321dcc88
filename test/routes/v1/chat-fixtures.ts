// Shared pieces of the /v1 route tests: providers that count or fail, auth headers, a second API key,
// and a Server-Sent Events parser.
import { BrokenCircuitError } from 'cockatiel'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { createOfflineProvider, type Provider, type ProviderRequest } from '../../../lib/assistant/index.js'
import { TEST_API_KEY } from '../../helper.js'

export const auth = { 'x-api-key': TEST_API_KEY }

export interface CountingProvider extends Provider {
  /** Replies started: provider calls whose last message is the user's (later rounds follow tool results). */
  readonly replies: number
  /** While true every call fails as an open circuit does. */
  down: boolean
  /** While true every call streams some text, then fails (the connection to the model broke). */
  breakMidway: boolean
}

function isReplyStart (request: ProviderRequest): boolean {
  return request.messages.at(-1)?.role === 'user'
}

/** The offline provider, counted, and switchable to "down" (cockatiel's BrokenCircuitError). */
export function countingProvider (inner: Provider = createOfflineProvider()): CountingProvider {
  let replies = 0
  const provider: CountingProvider = {
    name: 'counting',
    down: false,
    breakMidway: false,
    get replies () { return replies },
    async * stream (request) {
      if (isReplyStart(request)) replies++
      if (provider.down) throw new BrokenCircuitError()
      if (provider.breakMidway) {
        yield { type: 'text', text: 'Let me think' }
        throw new Error('connection reset by the model')
      }
      yield * inner.stream(request)
    }
  }
  return provider
}

export async function createKey (app: FastifyInstance, scopes: Array<'chat' | 'metrics' | 'admin'>): Promise<Record<string, string>> {
  const { key } = await app.apiKeys.create({ name: `test-${scopes.join('-')}-${Math.random().toString(36).slice(2, 8)}`, scopes })
  return { 'x-api-key': key }
}

export interface SseEvent { event: string, data: unknown }

export function parseSse (body: string): SseEvent[] {
  const events: SseEvent[] = []
  for (const block of body.split('\n\n')) {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
    }
    if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) })
  }
  return events
}

export interface TurnBody {
  conversation: { id: string, title: string, messageCount: number, createdAt: string, updatedAt: string, metadata: Record<string, string> }
  message: { id: string, role: string, content: string, createdAt: string }
  reply: { id: string, role: string, content: string, createdAt: string, toolCalls?: Array<{ name: string, ok: boolean }> }
  started?: boolean
}

export async function startConversation (app: FastifyInstance, message = 'hello', headers: Record<string, string> = auth): Promise<TurnBody> {
  const res = await app.inject({ method: 'POST', url: '/v1/conversations', headers, payload: { message } })
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`)
  return res.json()
}

export function post (url: string, payload: InjectOptions['payload'], headers: Record<string, string> = auth): InjectOptions {
  return { method: 'POST', url, headers, payload }
}
