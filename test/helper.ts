// Builds the app exactly as server.ts does, without listening, for tests that go through inject().
import Fastify, { type FastifyInstance } from 'fastify'
import app, { serverOptions } from '../app.js'
import { loadConfig, type EnvSource } from '../lib/config.js'

interface Closable { after (fn: () => unknown): void }

/** The bootstrap key every test app accepts (all scopes). */
export const TEST_API_KEY = 'test-api-key-0123456789abcdef'

// Tests run isolated from the machine's environment: only what is given here configures the app.
export function testEnv (overrides: EnvSource = {}): EnvSource {
  return {
    LOG_LEVEL: 'silent',
    API_KEY: TEST_API_KEY,
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_KEY_MAX: '100000',
    ...overrides
  }
}

export async function build (t: Closable, overrides: EnvSource = {}): Promise<FastifyInstance> {
  const env = testEnv(overrides)
  const fastify = Fastify(serverOptions(loadConfig(env)))
  await fastify.register(app, { env })
  t.after(() => fastify.close())
  await fastify.ready()
  return fastify
}
