import { test } from 'tap'
import { build, TEST_API_KEY } from '../helper.js'

test('GET /metrics needs an API key with the metrics scope', async (t) => {
  const app = await build(t)

  const anonymous = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(anonymous.statusCode, 401)
  t.match(anonymous.json(), { statusCode: 401, code: 'UNAUTHORIZED' })

  const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': 'not-a-key-at-all-0000000000' } })
  t.equal(wrong.statusCode, 401)

  const { key } = await app.apiKeys.create({ name: 'chat only', scopes: ['chat'] })
  const chatOnly = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': key } })
  t.equal(chatOnly.statusCode, 403)
  t.match(chatOnly.json(), { statusCode: 403, code: 'FORBIDDEN' })

  const allowed = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY } })
  t.equal(allowed.statusCode, 200)
  t.match(allowed.headers['content-type'], /^text\/plain/)
  t.match(allowed.body, /^# HELP /m)

  const bearer = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TEST_API_KEY}` } })
  t.equal(bearer.statusCode, 200, 'the key also works as a bearer token')
})

test('requests are counted and timed by method, route pattern and status, with bounded labels', async (t) => {
  const app = await build(t)
  await app.inject({ method: 'GET', url: '/health' })
  await app.inject({ method: 'GET', url: '/health?probe=1' })
  await app.inject({ method: 'GET', url: '/no/such/page/12345' })
  await app.inject({ method: 'GET', url: '/another/random/path' })
  await app.inject({ method: 'GET', url: '/metrics' })

  const res = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY } })
  const text = res.body
  t.match(text, /^http_requests_total\{method="GET",route="\/health",status_code="200"\} 2$/m, 'query strings do not split the route')
  t.match(text, /^http_requests_total\{method="GET",route="__unmatched__",status_code="404"\} 2$/m, 'unknown URLs share one label value')
  t.match(text, /^http_requests_total\{method="GET",route="\/metrics",status_code="401"\} 1$/m)
  t.match(text, /^http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health",status_code="200"\} \d+$/m)
  t.match(text, /^http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} 2$/m)
  t.notMatch(text, /12345|random\/path/, 'no raw URL becomes a label')
  t.notMatch(text, /http_request_summary_seconds/, 'the per-route summary is off')
  t.match(text, /^process_cpu_user_seconds_total /m, 'process defaults')
  t.match(text, /^nodejs_eventloop_lag_seconds /m, 'Node defaults')
})

test('a second app in the same process starts from a fresh registry', async (t) => {
  const first = await build(t)
  await first.inject({ method: 'GET', url: '/health' })
  const second = await build(t)
  const res = await second.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY } })
  t.equal(res.statusCode, 200)
  t.notMatch(res.body, /route="\/health"/, 'nothing counted before this app existed')
})
