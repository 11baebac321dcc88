// The one test helper. `build` builds the app exactly as server.ts does, without listening, for tests that
// go through inject(); `buildPlugins` builds a bare instance with only the plugins a plugin test needs.
// Autoload loads the TypeScript plugins only when told so under the swc loader the tests run with.
process.env.FASTIFY_AUTOLOAD_TYPESCRIPT ??= '1'
import { Writable } from 'node:stream'
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify'
import fastifyEnv from '@fastify/env'
import fp from 'fastify-plugin'
import app, { serverOptions, type AppOptions } from '../app.js'
import { loadConfig, type EnvSource } from '../lib/config/load-config.js'
import { EnvSchema } from '../schemas/env.js'

interface Closable { after (fn: () => unknown): void }

export interface BuildOptions {
  /** Receives every log line as JSON (LOG_LEVEL still applies: pass one in the overrides). */
  logStream?: Writable
  /** Runs after the app (or the plugins) is registered and before ready(): add a route the test needs. */
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
    // Load shedding on event-loop delay is off: on a busy shared machine one slow synchronous load (the
    // tokenizer on a first reply) pushed the mean delay over 1 s and every request of the next second got
    // 503. test/plugins/under-pressure.test.ts sets the thresholds it tests.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...overrides
  }
}

function instance (t: Closable, env: EnvSource, options: BuildOptions): FastifyInstance {
  const opts = serverOptions(loadConfig(env))
  if (options.logStream !== undefined && typeof opts.logger === 'object' && opts.logger !== null) {
    opts.logger = { ...opts.logger, stream: options.logStream }
  }
  const fastify = Fastify(opts)
  t.after(() => fastify.close())
  return fastify
}

export async function build (t: Closable, overrides: EnvSource = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const env = testEnv(overrides)
  const fastify = instance(t, env, options)
  await fastify.register(fp(app), { ...options.app, env })
  if (options.extend !== undefined) await options.extend(fastify)
  await fastify.ready()
  return fastify
}

/**
 * A bare instance with the configuration and the given plugins, registered in order (each after the
 * ones its `dependencies` name): a plugin test loads what it tests, not the assistant and every route.
 */
export async function buildPlugins (t: Closable, plugins: FastifyPluginAsync[], overrides: EnvSource = {}, options: Omit<BuildOptions, 'app'> = {}): Promise<FastifyInstance> {
  const env = testEnv(overrides)
  const fastify = instance(t, env, options)
  await fastify.register(fastifyEnv, { schema: EnvSchema, data: env, dotenv: false })
  for (const plugin of plugins) await fastify.register(plugin)
  if (options.extend !== undefined) await options.extend(fastify)
  await fastify.ready()
  return fastify
}

/**
 * Routes behind requireScope, as route folders add them in autohooks.ts: /probe/chat (scope chat) and,
 * nested inside it, /probe/admin (chat and admin: both hooks run, the key is verified and counted once).
 * For `extend`, so the auth and per-key limit hooks are exercised without the product routes.
 */
export async function scopeProbes (fastify: FastifyInstance): Promise<void> {
  await fastify.register(async (chat) => {
    chat.addHook('onRequest', chat.requireScope('chat'))
    chat.get('/probe/chat', async (request) => ({ principal: request.principal }))
    await chat.register(async (admin) => {
      admin.addHook('onRequest', admin.requireScope('admin'))
      admin.get('/probe/admin', async (request) => ({ principal: request.principal }))
    })
  })
}

export interface LogLine { level: number, msg: string, [key: string]: unknown }

/** Every log line the app writes, as raw text and parsed: pass `stream` as the logStream option. */
export function captureLogs (): { stream: Writable, raw: () => string, lines: () => LogLine[] } {
  const chunks: string[] = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString())
      callback()
    }
  })
  const raw = (): string => chunks.join('')
  const lines = (): LogLine[] => raw().split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as LogLine)
  return { stream, raw, lines }
}

/** The current value of a counter in the app's metrics registry for one label set (0 if absent). */
export async function counterValue (fastify: FastifyInstance, name: string, labels: Record<string, string>): Promise<number> {
  const metric = fastify.metrics.client.register.getSingleMetric(name)
  if (metric === undefined) return 0
  const { values } = await metric.get()
  const match = values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))
  return match?.value ?? 0
}
