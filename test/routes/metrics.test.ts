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

// Every sample of the exposition: name, labels and value.
function samples (text: string): Array<{ name: string, labels: Record<string, string>, value: number }> {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (match === null) throw new Error(`not a sample: ${line}`)
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']))
    return { name: match[1] ?? '', labels, value: Number(match[3]) }
  })
}

test('a scripted mix of 200, 400, 401, 404, 429 and 503 shows in every metric with bounded labels', async (t) => {
  const { countingProvider } = await import('./v1/chat-fixtures.js')
  const provider = countingProvider()
  const app = await build(t, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' }, { app: { assistant: { provider } } })
  const key = { 'x-api-key': TEST_API_KEY }
  // Each scenario from its own address: the per-IP limit of 3 is spent only where the 429s are meant.
  const chat = await app.inject({ method: 'POST', url: '/v1/conversations', remoteAddress: '192.0.2.1', headers: key, payload: { message: 'what time is it in Tokyo?' } })
  t.equal(chat.statusCode, 201)
  const id = chat.json().conversation.id
  t.equal((await app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, remoteAddress: '192.0.2.2', headers: key, payload: { message: '' } })).statusCode, 400)
  t.equal((await app.inject({ url: '/v1/conversations', remoteAddress: '192.0.2.3' })).statusCode, 401)
  t.equal((await app.inject({ url: `/v1/nothing/${id}`, remoteAddress: '192.0.2.4' })).statusCode, 404)
  for (let i = 0; i < 4; i++) await app.inject({ url: '/health', remoteAddress: '192.0.2.5' })
  provider.down = true
  t.equal((await app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, remoteAddress: '192.0.2.6', headers: key, payload: { message: 'and now?' } })).statusCode, 503)

  const text = (await app.inject({ url: '/metrics', remoteAddress: '192.0.2.7', headers: key })).body
  const all = samples(text)
  const value = (name: string, labels: Record<string, string>): number | undefined =>
    all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

  t.equal(value('http_requests_total', { method: 'POST', route: '/v1/conversations', status_code: '201' }), 1)
  t.equal(value('http_requests_total', { method: 'POST', route: '/v1/conversations/:id/messages', status_code: '400' }), 1)
  t.equal(value('http_requests_total', { method: 'GET', route: '/v1/conversations', status_code: '401' }), 1)
  t.equal(value('http_requests_total', { method: 'GET', route: '__unmatched__', status_code: '404' }), 1)
  t.equal(value('http_requests_total', { method: 'GET', route: '/health', status_code: '429' }), 1)
  t.equal(value('http_requests_total', { method: 'POST', route: '/v1/conversations/:id/messages', status_code: '503' }), 1)
  t.equal(value('http_request_duration_seconds_count', { route: '/v1/conversations', status_code: '201' }), 1)
  t.equal(value('auth_failures_total', { reason: 'missing' }), 1)
  t.equal(value('rate_limit_rejections_total', { scope: 'ip' }), 1)
  t.equal(value('assistant_reply_duration_seconds_count', { outcome: 'ok' }), 1)
  t.equal(value('assistant_reply_duration_seconds_count', { outcome: 'error' }), 1)
  t.equal(value('assistant_tool_calls_total', { tool: 'get_datetime', outcome: 'ok' }), 1)
  t.equal(value('assistant_tool_duration_seconds_count', { tool: 'get_datetime', outcome: 'ok' }), 1)
  const open = value('mongodb_pool_connections', { state: 'open' }) ?? 0
  const checkedOut = value('mongodb_pool_connections', { state: 'checked_out' }) ?? -1
  t.ok(open >= 1, 'the connections the driver opened, from the first (opened while connecting) on')
  t.ok(checkedOut >= 0 && checkedOut <= open, 'connections in use never go below zero nor above the open ones')
  t.ok((value('process_memory_limit_bytes', {}) ?? 0) > 0, 'the memory limit the memory alert divides by')
  t.equal(value('llm_requests_total', { provider: 'counting', outcome: 'ok' }), 2, 'the tool round and the answer')
  t.equal(value('llm_requests_total', { provider: 'counting', outcome: 'error' }), 1)
  t.ok(value('nodejs_eventloop_lag_seconds', {}) !== undefined)

  const labelValues = all.flatMap((s) => Object.values(s.labels))
  t.notOk(labelValues.some((v) => v.includes(id) || /[0-9a-f]{24}/.test(v) || v.includes('?') || v.includes('/nothing')), 'no id or raw URL is a label value')
})
