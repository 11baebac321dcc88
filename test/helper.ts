// Builds the app exactly as server.ts does, without listening, for tests that go through inject().
import type { Writable } from 'node:stream'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import app, { serverOptions, type AppOptions } from '../app.js'
import { loadConfig, type EnvSource } from '../lib/config/load-config.js'

interface Closable { after (fn: () => unknown): void }

export interface BuildOptions {
  /** Receives every log line as JSON (LOG_LEVEL still applies: pass one in the overrides). */
  logStream?: Writable
  /** Runs after the app is registered and before ready(): add a route the test needs. */
  extend?: (fastify: FastifyInstance) => void | Promise<void>
  /** App options besides the env: injected assistant provider, clocks. */
  app?: Omit<AppOptions, 'env'>
}

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

export async function build (t: Closable, overrides: EnvSource = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const env = testEnv(overrides)
  const opts = serverOptions(loadConfig(env))
  if (options.logStream !== undefined && typeof opts.logger === 'object' && opts.logger !== null) {
    opts.logger = { ...opts.logger, stream: options.logStream }
  }
  const fastify = Fastify(opts)
  t.after(() => fastify.close())
  await fastify.register(fp(app), { ...options.app, env })
  if (options.extend !== undefined) await options.extend(fastify)
  await fastify.ready()
  return fastify
}
