// The app as test/helper.ts builds it, plus probe routes behind requireScope, so the auth and per-key
// rate-limit hooks can be exercised before the product routes exist. Optionally captures the log lines.
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { register } from 'prom-client'
import app, { serverOptions } from '../../app.js'
import { loadConfig, type EnvSource } from '../../lib/config/load-config.js'
import { testEnv } from '../helper.js'

interface Closable { after (fn: () => unknown): void }

export async function buildProbeApp (t: Closable, overrides: EnvSource = {}, logs?: string[]): Promise<FastifyInstance> {
  const env = testEnv(overrides)
  const options = serverOptions(loadConfig(env))
  const fastify = Fastify(logs === undefined
    ? options
    : { ...options, logger: { level: 'info', stream: { write: (line: string) => { logs.push(line) } } } })
  t.after(() => fastify.close())
  // app.ts is an encapsulated plugin; unwrapped here so the probes can see its decorators.
  await fastify.register(fp(app), { env })
  await fastify.register(async (chat) => {
    chat.addHook('onRequest', chat.requireScope('chat'))
    chat.get('/probe/chat', async (request) => ({ principal: request.principal }))
    // A nested folder with a stricter scope: both hooks run, the key is verified and counted once.
    await chat.register(async (admin) => {
      admin.addHook('onRequest', admin.requireScope('admin'))
      admin.get('/probe/admin', async (request) => ({ principal: request.principal }))
    })
  })
  await fastify.ready()
  return fastify
}

/** The current value of a counter in prom-client's default registry for one label set (0 if absent). */
export async function counterValue (name: string, labels: Record<string, string>): Promise<number> {
  const metric = register.getSingleMetric(name)
  if (metric === undefined) return 0
  const { values } = await metric.get()
  const match = values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))
  return match?.value ?? 0
}
