import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import type { FastifyInstance } from 'fastify'
import type { EnvSource } from '../../lib/config/load-config.js'
import { buildPlugins } from '../helper.js'
import errorHandler from '../../plugins/app/error-handler.js'
import underPressure, { autoConfig } from '../../plugins/external/under-pressure.js'

// Load shedding on a bare instance: the wrapper with its autoConfig, and stand-ins for a shed route
// (/ready) and an exempt one (/health), sampled every 20 ms instead of every second.
function pressured (t: Parameters<typeof buildPlugins>[0], overrides: EnvSource = {}): Promise<FastifyInstance> {
  return buildPlugins(t, [errorHandler], { PRESSURE_SAMPLE_INTERVAL_MS: '20', ...overrides }, {
    extend: async (fastify) => {
      await fastify.register(underPressure, autoConfig(fastify))
      fastify.get('/ready', async () => ({ status: 'ready' }))
      fastify.get('/health', async () => ({ status: 'healthy' }))
    }
  })
}

test('over the heap threshold requests get 503 with Retry-After, while /health still answers', async (t) => {
  // A threshold of a few kilobytes: the first sample is over it.
  const app = await pressured(t, { PRESSURE_MAX_HEAP_USED_RATIO: '0.000001' })
  await sleep(150)
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.headers['retry-after'], '5')
  t.same(ready.json(), { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable', message: 'The service is temporarily unavailable' })
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'liveness is not shed')
  t.equal(app.isUnderPressure(), true)
})

test('under the thresholds nothing is shed', async (t) => {
  const app = await pressured(t)
  await sleep(150)
  t.equal(app.isUnderPressure(), false)
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
})
