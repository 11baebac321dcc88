import { request as httpRequest } from 'node:http'
import { test } from 'tap'
import { build, counterValue } from '../../helper.js'
import { answers, startFakeLlm, type ChatRequestBody, type FakeAnswer } from '../../support/fake-llm.js'
import { auth, createKey, post, type TurnBody } from './chat-fixtures.js'

// The openai provider against a local fake Chat Completions server, through the whole app: tool calls,
// streaming, titles, usage, failures, the circuit breaker and client disconnects.

const MODEL = 'fake-model-1'
const TITLE_MODEL = 'fake-title-model'

test('the OpenAI-compatible provider', async (t) => {
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  // Replies stream; titles are plain JSON requests and answer from `titles` (parallel to the reply).
  const streamed: FakeAnswer[] = []
  let title: FakeAnswer = answers.text('A title from the model')
  fake.responder = (body) => body.stream === true ? (streamed.shift() ?? answers.text('Plain answer.')) : title
  const app = await build(t, {
    LLM_API_KEY: 'sk-test-key-0123456789',
    LLM_BASE_URL: fake.baseUrl,
    LLM_MODEL: MODEL,
    LLM_TITLE_MODEL: TITLE_MODEL,
    LLM_TIMEOUT_MS: '2000',
    LLM_MAX_RETRIES: '1',
    LLM_BREAKER_THRESHOLD: '4',
    LLM_BREAKER_HALF_OPEN_MS: '300'
  })
  const replyCalls = (): ChatRequestBody[] => fake.calls.filter((c) => c.body.stream === true).map((c) => c.body)

  await t.test('a question that needs a tool: the call runs, its result goes back, the final answer is stored', async (t) => {
    fake.calls.length = 0
    streamed.push(answers.tools({ id: 'call_tokyo', name: 'get_datetime', arguments: { timezone: 'Asia/Tokyo' } }), answers.text('It is late evening in Tokyo.'))
    const res = await app.inject(post('/v1/conversations', { message: 'What time is it in Tokyo?' }))
    t.equal(res.statusCode, 201, res.body)
    const body: TurnBody = res.json()
    t.equal(body.reply.content, 'It is late evening in Tokyo.')
    t.same(body.reply.toolCalls, [{ name: 'get_datetime', ok: true }])
    t.equal(body.conversation.title, 'A title from the model', 'the title came from the title model')

    const [first, second] = replyCalls()
    t.equal(first?.model, MODEL, 'LLM_MODEL is the model asked')
    t.ok(fake.calls.every((c) => c.path === '/v1/chat/completions'), 'requests go to LLM_BASE_URL')
    t.equal(fake.calls[0]?.headers.authorization, 'Bearer sk-test-key-0123456789')
    t.same(first?.tools?.map((tool) => tool.function.name), ['get_datetime', 'get_holidays', 'get_weather'], 'the tools, in a stable order')
    t.equal(first?.tool_choice, 'auto')
    t.same(second?.tools, first?.tools, 'identical tool definitions on every request')
    const toolMessage = second?.messages.find((m) => m.role === 'tool')
    t.equal(toolMessage?.tool_call_id, 'call_tokyo')
    t.match(JSON.parse(toolMessage?.content ?? '{}'), { ok: true, result: { timeZone: 'Asia/Tokyo' } }, 'the streamed argument fragments were assembled')
    t.same(second?.messages.find((m) => m.role === 'assistant')?.tool_calls?.map((c) => c.function.name), ['get_datetime'])
    const titleCall = fake.calls.find((c) => c.body.stream !== true)
    t.equal(titleCall?.body.model, TITLE_MODEL, 'LLM_TITLE_MODEL titles the conversation')

    const stored = await app.db.collection('messages').findOne({ role: 'assistant', content: 'It is late evening in Tokyo.' })
    t.ok(stored?.usage.promptTokens > 0 && stored?.usage.completionTokens > 0, 'usage stored on the assistant message')
    t.ok(stored?.tokens > 0, 'its token count is stored for later budgets')
  })

  await t.test('two tool calls in one turn both run and both results go back', async (t) => {
    fake.calls.length = 0
    streamed.push(
      answers.tools(
        { id: 'a', name: 'get_datetime', arguments: { timezone: 'Europe/Madrid' } },
        { id: 'b', name: 'get_holidays', arguments: { country: 'ES', year: 2026, limit: 1 } }
      ),
      answers.text('Both answered.')
    )
    const res = await app.inject(post('/v1/conversations', { message: 'Time in Madrid and the first holiday in Spain?' }))
    t.equal(res.statusCode, 201, res.body)
    t.same(res.json().reply.toolCalls, [{ name: 'get_datetime', ok: true }, { name: 'get_holidays', ok: true }])
    const tools = replyCalls()[1]?.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)
    t.same(tools, ['a', 'b'])
  })

  await t.test('streamed over Server-Sent Events: deltas, tool events and the done body', async (t) => {
    const id = (await app.inject(post('/v1/conversations', { message: 'hello' }))).json().conversation.id
    streamed.push(answers.tools({ name: 'get_datetime', arguments: { timezone: 'UTC' } }), answers.text('The time in UTC is known.'))
    const res = await app.inject({ ...post(`/v1/conversations/${id}/messages`, { message: 'time in UTC?' }), headers: { ...auth, accept: 'text/event-stream' } })
    t.equal(res.statusCode, 200)
    const events = res.body.split('\n\n').filter((block) => block.includes('event: '))
    t.ok(events.some((e) => e.startsWith('event: tool')), 'a tool event')
    const deltas = events.filter((e) => e.startsWith('event: delta')).map((e) => JSON.parse(e.split('data: ')[1] ?? '{}').text).join('')
    t.equal(deltas, 'The time in UTC is known.', 'the deltas add up to the answer')
  })

  await t.test('the title falls back to the heuristic when the title call fails', async (t) => {
    title = answers.error(400)
    const res = await app.inject(post('/v1/conversations', { message: 'hello, can you tell me the capital of France?' }))
    t.equal(res.statusCode, 201)
    t.equal(res.json().conversation.title, 'Capital of France')
    title = answers.text('A title from the model')
  })

  await t.test('usage per key and day, and the token metrics', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/usage?days=7', headers: auth })
    t.equal(res.statusCode, 200)
    const usage = res.json()
    t.equal(usage.days.length, 1)
    t.ok(usage.totals.promptTokens > 0 && usage.totals.completionTokens > 0)
    t.equal(usage.days[0].day, new Date().toISOString().slice(0, 10))
    t.ok(await counterValue(app, 'llm_tokens_total', { direction: 'input' }) > 0)
    t.ok(await counterValue(app, 'llm_requests_total', { provider: 'openai', outcome: 'ok' }) >= 6)
    const bad = await app.inject({ method: 'GET', url: '/v1/usage?days=0', headers: auth })
    t.equal(bad.statusCode, 400)
    const other = await app.inject({ method: 'GET', url: '/v1/usage', headers: await createKey(app, ['chat']) })
    t.same(other.json().days, [], 'another key sees only its own usage')
  })

  await t.test('an admin prompt change is what the model receives on the next reply', async (t) => {
    const put = await app.inject({ method: 'PUT', url: '/v1/admin/prompts/web', headers: auth, payload: { text: 'You are the web assistant; be brief.' } })
    t.equal(put.statusCode, 200)
    fake.calls.length = 0
    const res = await app.inject(post('/v1/conversations', { message: 'hello', metadata: { platform: 'web' } }))
    t.equal(res.statusCode, 201)
    t.same(replyCalls()[0]?.messages[0], { role: 'system', content: 'You are the web assistant; be brief.' })
  })

  await t.test('a 500 from the model keeps the message, answers 503, and POST .../reply succeeds once it is back', async (t) => {
    const started = await app.inject(post('/v1/conversations', { message: 'first message' }))
    const id = started.json().conversation.id
    fake.calls.length = 0
    streamed.push(answers.error(500), answers.error(500))
    const failed = await app.inject(post(`/v1/conversations/${id}/messages`, { message: 'are you there?' }))
    t.equal(failed.statusCode, 503)
    t.ok(Number(failed.headers['retry-after']) > 0, 'Retry-After')
    t.equal(failed.json().code, 'SERVICE_UNAVAILABLE')
    t.equal(replyCalls().length, 2, 'one retry after the first 500')
    const described = await app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: auth })
    t.equal(described.json().messages.at(-1).content, 'are you there?', 'the user message stays stored')

    streamed.push(answers.text('Back again.'))
    const replied = await app.inject(post(`/v1/conversations/${id}/reply`, undefined))
    t.equal(replied.statusCode, 201, replied.body)
    t.equal(replied.json().reply.content, 'Back again.')
    t.equal(replyCalls().at(-1)?.messages.at(-1)?.content, 'are you there?', 'the reply answers the stored message')
  })

  await t.test('a Retry-After the deadline cannot wait for reaches the client', async (t) => {
    streamed.push({ kind: 'error', status: 429, headers: { 'retry-after': '120' } })
    const res = await app.inject(post('/v1/conversations', { message: 'busy?' }))
    t.equal(res.statusCode, 503)
    t.equal(res.headers['retry-after'], '120')
  })

  await t.test('a short Retry-After is waited for and the request retried', async (t) => {
    fake.calls.length = 0
    streamed.push({ kind: 'error', status: 429, headers: { 'retry-after-ms': '50' } }, answers.text('After the wait.'))
    const res = await app.inject(post('/v1/conversations', { message: 'again?' }))
    t.equal(res.statusCode, 201)
    t.equal(res.json().reply.content, 'After the wait.')
    t.equal(replyCalls().length, 2)
  })

  await t.test('the circuit opens after consecutive failures, refuses without calling, and closes again', async (t) => {
    const gauge = async (): Promise<number> => {
      const metric = app.metrics.client.register.getSingleMetric('circuit_breaker_state')
      const values = (await metric?.get())?.values ?? []
      return values.find((v) => v.labels.breaker === 'llm')?.value ?? -1
    }
    t.equal(await gauge(), 0)
    // The title call fails too: it runs in parallel with the reply, and a title that succeeded between
    // two failed reply attempts would reset the consecutive count, depending on which request left first.
    title = answers.error(503)
    streamed.push(answers.error(503), answers.error(503), answers.error(503), answers.error(503))
    for (let i = 0; i < 2; i++) t.equal((await app.inject(post('/v1/conversations', { message: 'ping' }))).statusCode, 503)
    t.equal(await gauge(), 2, 'open')
    // Failures the open circuit never asked for are not answers to the probe below.
    streamed.length = 0
    title = answers.text('A title from the model')
    const before = fake.calls.length
    const refused = await app.inject(post('/v1/conversations', { message: 'ping' }))
    t.equal(refused.statusCode, 503)
    t.equal(fake.calls.length - before, 0, 'no request went out: neither the reply nor the title')
    await new Promise((resolve) => setTimeout(resolve, 350))
    const probe = await app.inject(post('/v1/conversations', { message: 'ping' }))
    t.equal(probe.statusCode, 201)
    t.equal(await gauge(), 0, 'closed again')
  })

  await t.test('a client that disconnects cancels the upstream request', async (t) => {
    const started = await app.inject(post('/v1/conversations', { message: 'hello' }))
    const id = started.json().conversation.id
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    fake.calls.length = 0
    streamed.push({ kind: 'stall', text: 'Let me think' })
    const payload = JSON.stringify({ message: 'a long question' })
    const req = httpRequest({
      host: '127.0.0.1',
      port: address.port,
      method: 'POST',
      path: `/v1/conversations/${id}/messages`,
      headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
    })
    req.on('error', () => {})
    req.end(payload)
    for (let i = 0; i < 100 && replyCalls().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    const upstream = fake.calls.find((c) => c.body.stream === true)
    t.ok(upstream, 'the model was asked')
    req.destroy()
    await upstream?.settled
    t.equal(upstream?.aborted, true, 'the model request was cancelled')
  })
})

test('a reply reserve that leaves too little room for the prompt stops start-up with a clear message', async (t) => {
  await t.rejects(build(t, { LLM_BASE_URL: 'http://127.0.0.1:9/v1', MAX_CONTEXT_TOKENS: '1000', LLM_MAX_OUTPUT_TOKENS: '600' }), /LLM_MAX_OUTPUT_TOKENS \(600\) must be at most half of MAX_CONTEXT_TOKENS \(1000\)/)
})
