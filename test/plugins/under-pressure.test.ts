import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import { build } from '../helper.js'

test('over the heap threshold requests get 503 with Retry-After, while /health still answers', async (t) => {
  // A threshold of a few kilobytes: the first sample (after one second) is over it.
  const app = await build(t, { PRESSURE_MAX_HEAP_USED_RATIO: '0.000001' })
  await sleep(1300)
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.headers['retry-after'], '5')
  t.same(ready.json(), { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable', message: 'The service is temporarily unavailable' })
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'liveness is not shed')
  t.equal(app.isUnderPressure(), true)
})

test('under the thresholds nothing is shed', async (t) => {
  const app = await build(t)
  await sleep(1100)
  t.equal(app.isUnderPressure(), false)
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
})
