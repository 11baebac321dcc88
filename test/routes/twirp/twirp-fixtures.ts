// Shared pieces of the Twirp route tests: a counted offline provider that can be switched off, a ticking
// clock (whole seconds, so ordering by update time is deterministic), and request builders.
import { BrokenCircuitError } from 'cockatiel'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { createOfflineProvider, type Provider } from '../../../lib/assistant/index.js'
import { TEST_API_KEY } from '../../helper.js'

export const SERVICE = '/twirp/acai.chat.ChatService'
export const JSON_HEADERS = { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' }
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

export interface SwitchableProvider extends Provider {
  /** Provider calls so far (an idempotent replay adds none). */
  readonly calls: number
  /** While true every call fails as an open circuit does. */
  down: boolean
}

export function switchableProvider (inner: Provider = createOfflineProvider()): SwitchableProvider {
  let calls = 0
  const provider: SwitchableProvider = {
    name: 'switchable',
    down: false,
    get calls () { return calls },
    async * stream (request) {
      calls++
      if (provider.down) throw new BrokenCircuitError()
      yield * inner.stream(request)
    }
  }
  return provider
}

/** A clock one second further on at every reading. */
export function tickingClock (start = '2026-11-25T12:00:00Z'): () => Date {
  let at = Date.parse(start)
  return () => {
    at += 1000
    return new Date(at)
  }
}

export function call (method: string, payload: unknown, headers: Record<string, string> = JSON_HEADERS): InjectOptions {
  return { method: 'POST', url: `${SERVICE}/${method}`, headers, payload: JSON.stringify(payload) }
}

export async function newKey (app: FastifyInstance, scopes: Array<'chat' | 'metrics' | 'admin'> = ['chat']): Promise<Record<string, string>> {
  const { key } = await app.apiKeys.create({ name: `twirp-${scopes.join('-')}-${Math.random().toString(36).slice(2, 8)}`, scopes })
  return { 'x-api-key': key, 'content-type': 'application/json' }
}
