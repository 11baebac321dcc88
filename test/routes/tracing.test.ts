import { spans } from '../support/telemetry.js'
import { test } from 'tap'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'

// Tracing is started before the app loads (as server.ts does), with spans collected in memory.
const { build, captureLogs, TEST_API_KEY } = await import('../helper.js')
const { fakeWeatherServer, FIRST_DAY } = await import('../support/weather-upstream.js')

const INCOMING_TRACE = '0af7651916cd43dd8448eb211c80319c'
const INCOMING_PARENT = 'b7ad6b7169203331'

function byName (list: ReadableSpan[], name: string): ReadableSpan[] {
  return list.filter((span) => span.name === name)
}

test('a chat request is one trace: request, assistant.reply, model turns, tools and MongoDB, continuing the caller\'s traceparent', async (t) => {
  const log = captureLogs()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: log.stream })
  spans.reset()
  const res = await app.inject({
    method: 'POST',
    url: '/v1/conversations',
    headers: { 'x-api-key': TEST_API_KEY, traceparent: `00-${INCOMING_TRACE}-${INCOMING_PARENT}-01` },
    payload: { message: 'what time is it in Tokyo?' }
  })
  t.equal(res.statusCode, 201)
  const trace = spans.getFinishedSpans().filter((span) => span.spanContext().traceId === INCOMING_TRACE)
  t.ok(trace.length > 5, `${trace.length} spans in the caller's trace`)

  const [request] = byName(trace, 'POST /v1/conversations')
  t.equal(request?.parentSpanContext?.spanId, INCOMING_PARENT, 'the request span continues the incoming traceparent')
  t.match(request?.attributes, { 'http.route': '/v1/conversations', 'http.request.method': 'POST' })
  const requestId = request?.spanContext().spanId

  const [reply] = byName(trace, 'assistant.reply')
  t.equal(reply?.parentSpanContext?.spanId, requestId, 'assistant.reply is a child of the request')
  t.match(reply?.attributes, { 'gen_ai.system': 'offline' })
  const turns = byName(trace, 'chat offline')
  t.ok(turns.length >= 2, 'one span per model turn (the tool round and the answer)')
  t.ok(turns.every((turn) => turn.parentSpanContext?.spanId === reply?.spanContext().spanId))
  const [tool] = byName(trace, 'tool.get_datetime')
  t.equal(tool?.parentSpanContext?.spanId, reply?.spanContext().spanId, 'the tool span is a child of assistant.reply')
  t.match(tool?.attributes, { 'gen_ai.tool.name': 'get_datetime', 'tool.outcome': 'ok' })

  const database = trace.filter((span) => span.attributes['db.system'] === 'mongodb' || span.attributes['db.system.name'] === 'mongodb')
  t.ok(database.length >= 3, `${database.length} MongoDB spans`)
  t.ok(database.every((span) => span.parentSpanContext?.spanId === requestId), 'MongoDB spans are children of the request')
  t.notMatch(JSON.stringify(trace.map((span) => span.attributes)), /Tokyo/, 'no message content in any span')

  t.match(res.headers.traceparent, new RegExp(`^00-${INCOMING_TRACE}-${requestId}-01$`), 'the response names the trace')
  const lines = log.lines().filter((line) => line.reqId === res.headers['x-request-id'])
  t.ok(lines.length >= 1)
  t.ok(lines.every((line) => line.traceId === INCOMING_TRACE), 'every log line of the request carries its traceId')
})

test('a request without traceparent starts a trace; probes are not traced', async (t) => {
  const app = await build(t)
  spans.reset()
  const list = await app.inject({ url: '/v1/conversations', headers: { 'x-api-key': TEST_API_KEY } })
  t.match(list.headers.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)
  for (const url of ['/health', '/ready', '/metrics', '/docs/json']) {
    const res = await app.inject({ url, headers: { 'x-api-key': TEST_API_KEY } })
    t.notOk(res.headers.traceparent, `${url} is not traced`)
  }
  t.notOk(spans.getFinishedSpans().some((span) => /health|ready|metrics|docs/.test(span.name)))
})

test('a weather question traces the outbound HTTP calls under its tool span', async (t) => {
  const upstream = await fakeWeatherServer()
  t.teardown(() => upstream.close())
  const app = await build(t, { WEATHER_BASE_URL: upstream.url, GEOCODING_BASE_URL: upstream.url }, { app: { weather: { clock: () => new Date(`${FIRST_DAY}T12:00:00Z`) } } })
  spans.reset()
  const res = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { 'x-api-key': TEST_API_KEY }, payload: { message: 'weather in Barcelona tomorrow' } })
  t.equal(res.statusCode, 201)
  const finished = spans.getFinishedSpans()
  const [tool] = byName(finished, 'tool.get_weather')
  t.ok(tool, 'the tool has its span')
  const outbound = finished.filter((span) => span.parentSpanContext?.spanId === tool?.spanContext().spanId && span.name === 'GET')
  t.equal(outbound.length, 2, 'geocoding and forecast requests are children of the tool span')
  t.ok(outbound.every((span) => String(span.attributes['url.full']).startsWith(upstream.url)), 'with their URLs')
})

test('with Redis, its commands are spans of the request that made them, named by command only', async (t) => {
  // Database 15 of the shared Redis (127.0.0.1:6379), as the health and close tests use it; the rate limiter
  // counts every request there.
  const app = await build(t, { REDIS_URL: 'redis://127.0.0.1:6379/15' })
  spans.reset()
  const res = await app.inject({ url: '/v1/conversations', headers: { 'x-api-key': TEST_API_KEY } })
  t.equal(res.statusCode, 200)
  const finished = spans.getFinishedSpans()
  const [request] = byName(finished, 'GET /v1/conversations')
  const redis = finished.filter((span) => span.attributes['db.system'] === 'redis' || span.attributes['db.system.name'] === 'redis')
  t.ok(redis.length >= 1, `${redis.length} Redis spans (the rate limit's counters)`)
  t.ok(redis.every((span) => span.spanContext().traceId === request?.spanContext().traceId), 'in the request\'s trace')
  t.ok(redis.every((span) => /^[a-z]+$/.test(span.name)), `each span is named by its command: ${redis.map((span) => span.name).join(', ')}`)
  t.notMatch(JSON.stringify(redis.map((span) => span.attributes)), /acai:rl|127\.0\.0\.1:/, 'no key in a statement')
})
