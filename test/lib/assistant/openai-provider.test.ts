import { test } from 'tap'
import { APIConnectionError, APIError, APIUserAbortError } from 'openai'
import { Type } from 'typebox'
import { createAssistant, defineTool, type ProviderEvent } from '../../../lib/assistant/index.js'
import { barrier } from './scripted-provider.js'
import { chooseProvider } from '../../../lib/assistant/providers/choose.js'
import { createModelDispatcher, createModelService } from '../../../lib/assistant/providers/model-service.js'
import { isTransientModelError, ModelUnavailableError, retryAfterOfResponse } from '../../../lib/assistant/providers/openai.js'
import { answers, startFakeLlm } from '../../support/fake-llm.js'

const service = (baseUrl: string, overrides: Partial<Parameters<typeof createModelService>[0]> = {}) => createModelService({
  baseUrl,
  model: 'unit-model',
  timeoutMs: 1000,
  maxRetries: 0,
  maxOutputTokens: 64,
  breakerThreshold: 5,
  halfOpenAfterMs: 1000,
  ...overrides
})

async function collect (events: AsyncIterable<ProviderEvent>): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = []
  for await (const event of events) out.push(event)
  return out
}

test('provider choice: LLM_PROVIDER wins, else a key or a base URL means openai', async (t) => {
  t.equal(chooseProvider({}), 'offline')
  t.equal(chooseProvider({ LLM_API_KEY: 'k' }), 'openai')
  t.equal(chooseProvider({ LLM_BASE_URL: 'http://localhost:11434/v1' }), 'openai')
  t.equal(chooseProvider({ LLM_PROVIDER: 'offline', LLM_API_KEY: 'k' }), 'offline')
  t.throws(() => createModelService({ model: 'm', timeoutMs: 1000, maxRetries: 0, maxOutputTokens: 16, breakerThreshold: 1, halfOpenAfterMs: 10 }), /LLM_API_KEY/)
})

test('retry classification and Retry-After of model responses', async (t) => {
  const now = Date.parse('2026-12-04T10:00:00Z')
  const withHeaders = (headers: Record<string, string>, status = 429): APIError => APIError.generate(status, { error: { message: 'x' } }, 'x', new Headers(headers))
  t.equal(retryAfterOfResponse(withHeaders({ 'retry-after-ms': '1500' }), now), 1500)
  t.equal(retryAfterOfResponse(withHeaders({ 'retry-after': '3' }), now), 3000)
  t.equal(retryAfterOfResponse(withHeaders({ 'retry-after': 'Fri, 04 Dec 2026 10:00:10 GMT' }), now), 10_000)
  t.equal(retryAfterOfResponse(withHeaders({}), now), undefined)
  t.equal(retryAfterOfResponse(new Error('plain'), now), undefined)
  t.ok(isTransientModelError(withHeaders({}, 429)))
  t.ok(isTransientModelError(withHeaders({}, 502)))
  t.notOk(isTransientModelError(withHeaders({}, 400)))
  t.ok(isTransientModelError(new APIConnectionError({ message: 'socket hang up' })))
  t.notOk(isTransientModelError(new APIUserAbortError()))
})

test('the provider against the fake server', async (t) => {
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  const dispatcher = createModelDispatcher(1000)
  t.teardown(() => dispatcher.close())
  const { provider, close } = service(fake.baseUrl, { apiKey: 'sk-unit', dispatcher })
  t.teardown(close)
  const signal = new AbortController().signal

  await t.test('complete: one JSON answer with its usage, on the model asked for', async (t) => {
    fake.script.push({ kind: 'reply', text: 'A title', usage: { prompt_tokens: 12, completion_tokens: 3 } })
    const answer = await provider.complete({ messages: [{ role: 'user', content: 'hi' }], model: 'title-model', maxOutputTokens: 10, signal })
    t.same(answer, { text: 'A title', usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 } })
    t.equal(fake.calls.at(-1)?.body.model, 'title-model')
    t.equal(fake.calls.at(-1)?.body.max_completion_tokens, 10)
    fake.script.push(answers.error(500))
    await t.rejects(provider.complete({ messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 10, signal }), ModelUnavailableError)
  })

  await t.test('stream: history with tool calls and results maps to the API\'s messages', async (t) => {
    fake.script.push(answers.text('ok'))
    const events = await collect(provider.stream({
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'q' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_datetime', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', name: 'get_datetime', content: '{"ok":true}' },
        { role: 'assistant', content: 'earlier answer' }
      ],
      tools: [],
      toolChoice: 'none',
      signal
    }))
    t.match(events.at(-1), { type: 'finish', reason: 'stop', usage: { promptTokens: Number } })
    const sent = fake.calls.at(-1)?.body
    t.same(sent?.messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'assistant'])
    t.equal(sent?.messages[2]?.content, null, 'no text next to tool calls is sent as null')
    t.equal(sent?.messages[3]?.tool_call_id, 'c1')
    t.equal(sent?.tools, undefined, 'no tools: no tools field')
    t.equal(sent?.stream_options && (sent.stream_options as { include_usage: boolean }).include_usage, true)
  })

  await t.test('a caller that aborts midway stops the stream with its reason and cancels the request', async (t) => {
    fake.script.push({ kind: 'reply', text: 'partial answer that will be cut', chunkDelayMs: 30 })
    const controller = new AbortController()
    const iterator = provider.stream({ messages: [{ role: 'user', content: 'q' }], tools: [], toolChoice: 'auto', signal: controller.signal })
    const first = await iterator[Symbol.asyncIterator]().next()
    t.match(first.value, { type: 'text' })
    controller.abort(new Error('client left'))
    await t.rejects(collect(iterator), /client left/, 'the caller\'s abort reason, not an outage')
    await fake.calls.at(-1)?.settled
    t.equal(fake.calls.at(-1)?.aborted, true)
  })

  await t.test('a consumer that stops early closes the HTTP stream', async (t) => {
    fake.script.push({ kind: 'stall', text: 'thinking' })
    const iterator = provider.stream({ messages: [{ role: 'user', content: 'q' }], tools: [], toolChoice: 'auto', signal })[Symbol.asyncIterator]()
    t.match((await iterator.next()).value, { type: 'text', text: 'thinking' })
    await iterator.return?.()
    await fake.calls.at(-1)?.settled
    t.equal(fake.calls.at(-1)?.aborted, true)
  })

  await t.test('two streamed tool calls of one turn run in parallel, and both results go back', async (t) => {
    const meet = barrier(2)
    const waiter = (name: string) => defineTool({
      name,
      description: `waits for the other tool, then answers ${name}`,
      parameters: Type.Object({ city: Type.String() }),
      execute: async ({ city }) => { await meet(); return `${name}:${city}` }
    })
    fake.script.push(
      { kind: 'reply', toolCalls: [{ id: 'l', name: 'left', arguments: { city: 'Oslo' } }, { id: 'r', name: 'right', arguments: { city: 'Lisbon' } }], splitArguments: 3 },
      answers.text('Both tools answered.')
    )
    // Run one after the other, each tool would wait for the other forever (until the 2 s tool timeout).
    const assistant = createAssistant({ provider, tools: [waiter('left'), waiter('right')], toolTimeoutMs: 2000 })
    const result = await assistant.reply({ message: 'go' })
    t.same(result.toolCalls, [{ name: 'left', ok: true }, { name: 'right', ok: true }])
    t.equal(result.content, 'Both tools answered.')
    const results = fake.calls.at(-1)?.body.messages.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, m.content])
    t.same(results, [['l', JSON.stringify({ ok: true, result: 'left:Oslo' })], ['r', JSON.stringify({ ok: true, result: 'right:Lisbon' })]])
    t.ok(result.usage.promptTokens > 0, 'usage summed over both turns')
  })

  await t.test('an answer that is no completion stream is unavailable, not an empty reply', async (t) => {
    const junk = [
      { kind: 'raw' as const, status: 200, contentType: 'text/html', body: '<html>proxy error</html>' },
      { kind: 'raw' as const, status: 200, contentType: 'text/event-stream', body: `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'cut sho' }, finish_reason: null }] })}\n\n` }
    ]
    for (const answer of junk) {
      fake.script.push(answer)
      const events: ProviderEvent[] = []
      const consume = async (): Promise<void> => {
        for await (const event of provider.stream({ messages: [{ role: 'user', content: 'q' }], tools: [], toolChoice: 'auto', signal })) events.push(event)
      }
      await t.rejects(consume(), ModelUnavailableError, `${answer.contentType}: an outage`)
      t.notOk(events.some((event) => event.type === 'finish'), 'never finished')
    }
  })

  await t.test('an unreachable server is unavailable, not a crash', async (t) => {
    const dead = service('http://127.0.0.1:9/v1', { maxRetries: 1 })
    t.teardown(dead.close)
    const assistant = createAssistant({ provider: dead.provider })
    await t.rejects(assistant.reply({ message: 'hello' }), ModelUnavailableError)
  })
})
