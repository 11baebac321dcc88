// The three apps the contract cases run against, each able to provoke what the others cannot:
// - main: the zero-setup app with an assistant the cases can hold (409 in progress) or take down (503);
// - limited: one request per client IP per minute, so a second request from an address is 429;
// - outage: an app whose MongoDB has gone away (503 from every route that needs it).
import { BrokenCircuitError } from 'cockatiel'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { createOfflineProvider, type Provider } from '../../lib/assistant/index.js'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import { build, TEST_API_KEY } from '../helper.js'

type Scope = 'chat' | 'metrics' | 'admin'
const SCOPES: Scope[] = ['chat', 'metrics', 'admin']

export interface ControlledProvider extends Provider {
  /** While true every call fails as an open circuit does (503 with the message stored). */
  down: boolean
  /** Holds every provider call until `release`; `entered` resolves once a call is waiting. */
  hold: () => { entered: Promise<void>, release: () => void }
}

function controlledProvider (inner: Provider = createOfflineProvider()): ControlledProvider {
  let held: Promise<void> | undefined
  let onEnter = (): void => {}
  const provider: ControlledProvider = {
    name: 'contract',
    down: false,
    hold () {
      let release = (): void => {}
      held = new Promise((resolve) => { release = resolve })
      const entered = new Promise<void>((resolve) => { onEnter = resolve })
      return {
        entered,
        release: () => {
          held = undefined
          release()
        }
      }
    },
    async * stream (request) {
      if (held !== undefined) {
        onEnter()
        await held
      }
      if (provider.down) throw new BrokenCircuitError()
      yield * inner.stream(request)
    }
  }
  return provider
}

interface Closable { after (fn: () => unknown): void, teardown (fn: () => unknown): void }

export interface ContractApp {
  app: FastifyInstance
  inject: (opts: InjectOptions) => Promise<LightMyRequestResponse>
}

export interface ContractApps {
  main: ContractApp & { provider: ControlledProvider }
  limited: ContractApp
  outage: ContractApp
  /** The bootstrap key (every scope). */
  auth: Record<string, string>
  /** A key of the main app with every scope but this one. */
  keyWithout: (scope: Scope) => Record<string, string>
  /** A new conversation of the bootstrap key in the main app. */
  conversation: () => Promise<string>
}

function contractApp (app: FastifyInstance): ContractApp {
  return { app, inject: (opts) => app.inject(opts) }
}

export async function buildContractApps (t: Closable): Promise<ContractApps> {
  const provider = controlledProvider()
  // No load shedding: on a busy machine it would answer 503 where a case expects another status.
  const calm = { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', PRESSURE_MAX_HEAP_USED_RATIO: '0' }
  // IDEMPOTENCY_WAIT_MS=0: a duplicate of a request still in progress is 409 at once.
  // The Telegram webhook is on; its Bot API is a closed port (the contract updates need no answer).
  const telegram = { TELEGRAM_BOT_TOKEN: '1:contract', TELEGRAM_WEBHOOK_SECRET: 'contract-secret', TELEGRAM_API_BASE_URL: 'http://127.0.0.1:9' }
  const main = await build(t, { ...calm, IDEMPOTENCY_WAIT_MS: '0', BODY_LIMIT: '4096', ...telegram }, { app: { assistant: { provider } } })
  const limited = await build(t, { ...calm, RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW_MS: '60000' })

  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 })
  let mongoUp = true
  t.teardown(async () => { if (mongoUp) await mongo.close() })
  const outage = await build(t, { ...calm, MONGODB_URI: mongo.uri, MONGODB_TIMEOUT_MS: '200', HEALTH_PROBE_INTERVAL_MS: '0', API_KEY_CACHE_TTL_MS: '60000' })
  // The bootstrap key is verified (and cached) while MongoDB is still there.
  await outage.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': TEST_API_KEY } })
  await mongo.close()
  mongoUp = false

  const keys = new Map<Scope, Record<string, string>>()
  for (const scope of SCOPES) {
    const { key } = await main.apiKeys.create({ name: `contract-without-${scope}`, scopes: SCOPES.filter((s) => s !== scope) })
    keys.set(scope, { 'x-api-key': key })
  }
  const auth = { 'x-api-key': TEST_API_KEY }

  return {
    main: { ...contractApp(main), provider },
    limited: contractApp(limited),
    outage: contractApp(outage),
    auth,
    keyWithout: (scope) => keys.get(scope) ?? auth,
    async conversation () {
      const res = await main.inject({ method: 'POST', url: '/v1/conversations', headers: auth, payload: { message: 'what time is it in Tokyo?' } })
      if (res.statusCode !== 201) throw new Error(`could not start a conversation: ${res.statusCode} ${res.body}`)
      return (res.json() as { conversation: { id: string } }).conversation.id
    }
  }
}
