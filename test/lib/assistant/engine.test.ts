import { test } from 'tap'
import Type from 'typebox'
import {
  createAssistant, defineTool, messageTokens, ToolCallAccumulator, type AssistantEvent, type HistoryMessage, type ProviderEvent, type Tool
} from '../../../lib/assistant/index.js'
import { barrier, call, scriptedProvider, stop, text, toolsFinish } from './scripted-provider.js'

const clock = (): Date => new Date('2026-11-25T13:05:09Z')

const add = defineTool({
  name: 'add',
  description: 'Adds two numbers',
  parameters: Type.Object({ a: Type.Number(), b: Type.Number() }),
  execute: (args) => args.a + args.b
})

async function collect (events: AsyncIterable<AssistantEvent>): Promise<AssistantEvent[]> {
  const all: AssistantEvent[] = []
  for await (const event of events) all.push(event)
  return all
}

function deltas (events: readonly AssistantEvent[]): string {
  return events.map((event) => event.type === 'delta' ? event.text : '').join('')
}

test('a plain answer streams as deltas and ends with one done whose content is their concatenation', async (t) => {
  const provider = scriptedProvider(() => [text('Hello'), text(', '), text('world.'), stop(12, 3)])
  const assistant = createAssistant({ provider, clock })
  const events = await collect(assistant.stream({ message: 'hi' }))
  t.same(events.map((event) => event.type), ['delta', 'delta', 'delta', 'done'])
  const done = events.at(-1)
  t.equal(done?.type === 'done' && done.content, 'Hello, world.')
  t.equal(deltas(events), 'Hello, world.')
  t.same(done?.type === 'done' && done.usage, { promptTokens: 12, completionTokens: 3, totalTokens: 15 })
  t.same(done?.type === 'done' && done.toolCalls, [])
  t.equal(provider.requests[0]?.toolChoice, 'none', 'no tools registered: the model is not offered any')
})

test('a tool call streamed in fragments runs, and its result goes back to the model', async (t) => {
  const provider = scriptedProvider((_request, turn): ProviderEvent[] => turn === 0
    ? [
        { type: 'tool_call', index: 0, id: 'call_1', name: 'add', arguments: '' },
        { type: 'tool_call', index: 0, arguments: '{"a": 2,' },
        { type: 'tool_call', index: 0, arguments: ' "b": 40}' },
        toolsFinish
      ]
    : [text('The sum is 42.'), stop()])
  const assistant = createAssistant({ provider, tools: [add], clock })
  const events = await collect(assistant.stream({ message: 'add 2 and 40' }))
  t.same(events.filter((event) => event.type === 'tool'), [{ type: 'tool', name: 'add', ok: true, arguments: { a: 2, b: 40 } }])
  const second = provider.requests[1]?.messages ?? []
  t.same(second.at(-2), { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'add', arguments: '{"a": 2, "b": 40}' }] })
  t.same(second.at(-1), { role: 'tool', toolCallId: 'call_1', name: 'add', content: JSON.stringify({ ok: true, result: 42 }) })
  const done = events.at(-1)
  t.same(done?.type === 'done' && done.toolCalls, [{ name: 'add', ok: true }])
  t.equal(done?.type === 'done' && done.content, 'The sum is 42.')
  t.same(provider.requests[0]?.tools, ['add'])
  t.equal(provider.requests[0]?.toolChoice, 'auto')
})

test('several tool calls in one turn run in parallel and their events keep the call order', async (t) => {
  const meet = barrier(2)
  const waiter = (name: string): Tool => defineTool({
    name,
    description: 'waits',
    parameters: Type.Object({}),
    execute: async () => { await meet(); return name }
  })
  const provider = scriptedProvider((_request, turn) => turn === 0
    ? [call(0, 'left', {}), call(1, 'right', {}), toolsFinish]
    : [text('both done'), stop()])
  const assistant = createAssistant({ provider, tools: [waiter('left'), waiter('right')], clock, toolTimeoutMs: 2000 })
  const result = await assistant.reply({ message: 'go' })
  t.same(result.toolCalls, [{ name: 'left', ok: true }, { name: 'right', ok: true }])
  const results = (provider.requests[1]?.messages ?? []).filter((message) => message.role === 'tool').map((message) => message.content)
  t.same(results, [JSON.stringify({ ok: true, result: 'left' }), JSON.stringify({ ok: true, result: 'right' })])
})

test('tool failures reach the model as ok:false results and the loop carries on', async (t) => {
  const failing = defineTool({ name: 'fail', description: 'x', parameters: Type.Object({}), execute: () => { throw new Error('boom') } })
  const provider = scriptedProvider((_request, turn) => turn === 0
    ? [call(0, 'fail', {}), call(1, 'add', { a: 'x' }), toolsFinish]
    : [text('sorry'), stop()])
  const assistant = createAssistant({ provider, tools: [failing, add], clock })
  const result = await assistant.reply({ message: 'try' })
  t.same(result.toolCalls, [{ name: 'fail', ok: false }, { name: 'add', ok: false }])
  const contents = (provider.requests[1]?.messages ?? []).filter((message) => message.role === 'tool').map((message) => JSON.parse(message.content))
  t.match(contents, [{ ok: false, error: /fail failed unexpectedly/ }, { ok: false, error: /invalid arguments for add/ }])
})

test('after maxToolIterations rounds the model must answer without tools', async (t) => {
  let executed = 0
  const counter = defineTool({ name: 'count', description: 'x', parameters: Type.Object({}), execute: () => ++executed })
  const provider = scriptedProvider((request) => request.toolChoice === 'auto'
    ? [call(0, 'count', {}), toolsFinish]
    : [text('giving up on tools'), stop()])
  const assistant = createAssistant({ provider, tools: [counter], clock, maxToolIterations: 3 })
  const result = await assistant.reply({ message: 'loop forever' })
  t.equal(executed, 3)
  t.equal(provider.requests.length, 4)
  t.same(provider.requests.map((request) => request.toolChoice), ['auto', 'auto', 'auto', 'none'])
  t.equal(result.content, 'giving up on tools')
  t.equal(result.toolCalls.length, 3)
})

test('tool calls requested after the cap are ignored and an empty answer gets the fallback text', async (t) => {
  let executed = 0
  const counter = defineTool({ name: 'count', description: 'x', parameters: Type.Object({}), execute: () => ++executed })
  const provider = scriptedProvider(() => [call(0, 'count', {}), toolsFinish])
  const assistant = createAssistant({ provider, tools: [counter], clock, maxToolIterations: 1 })
  const events = await collect(assistant.stream({ message: 'x' }))
  const done = events.at(-1)
  t.equal(executed, 1)
  t.equal(provider.requests.length, 2)
  t.ok(done?.type === 'done' && done.content.length > 0)
  t.equal(deltas(events), done?.type === 'done' ? done.content : '')
})

test('text from several rounds is joined, and deltas still equal the final content', async (t) => {
  const provider = scriptedProvider((_request, turn) => turn === 0
    ? [text('Let me check.'), call(0, 'add', { a: 1, b: 1 }), toolsFinish]
    : [text('It is 2.'), stop()])
  const assistant = createAssistant({ provider, tools: [add], clock })
  const events = await collect(assistant.stream({ message: '1+1' }))
  const done = events.at(-1)
  t.equal(done?.type === 'done' && done.content, 'Let me check.\n\nIt is 2.')
  t.equal(deltas(events), 'Let me check.\n\nIt is 2.')
})

test('the token budget keeps the newest history, contiguous, and always the new message', async (t) => {
  const history: HistoryMessage[] = Array.from({ length: 10 }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `message number ${index} ${'word '.repeat(index + 5)}`
  }))
  const systemPrompt = 'You are a test.'
  const message = 'the newest question'
  // Budget for exactly the last three history messages (plus the fixed parts and reply priming).
  const fixed = 3 + messageTokens(systemPrompt) + messageTokens(message)
  const lastThree = history.slice(-3).reduce((sum, item) => sum + messageTokens(item.content), 0)
  const provider = scriptedProvider(() => [text('ok'), stop()])
  const assistant = createAssistant({ provider, clock, maxContextTokens: fixed + lastThree })
  const result = await assistant.reply({ systemPrompt, history, message })
  const sent = provider.requests[0]?.messages ?? []
  t.same(sent.map((item) => item.content), [systemPrompt, ...history.slice(-3).map((item) => item.content), message])
  t.same(result.context, { historyMessages: 3, droppedMessages: 7, promptTokens: fixed + lastThree })

  const tiny = scriptedProvider(() => [text('ok'), stop()])
  const starved = createAssistant({ provider: tiny, clock, maxContextTokens: 1 })
  const starvedResult = await starved.reply({ systemPrompt, history, message })
  t.same(tiny.requests[0]?.messages.map((item) => item.role), ['system', 'user'])
  t.equal(tiny.requests[0]?.messages.at(-1)?.content, message)
  t.equal(starvedResult.context.droppedMessages, 10)
})

test('the summary is sent after the system prompt, and a trailing copy of the message is not sent twice', async (t) => {
  const provider = scriptedProvider(() => [text('ok'), stop()])
  const assistant = createAssistant({ provider, clock })
  await assistant.reply({
    systemPrompt: 'sys',
    summary: 'They talked about Tokyo.',
    history: [{ role: 'user', content: 'earlier' }, { role: 'assistant', content: 'reply' }, { role: 'user', content: 'now?' }],
    message: 'now?'
  })
  const sent = provider.requests[0]?.messages ?? []
  t.same(sent.map((item) => item.role), ['system', 'system', 'user', 'assistant', 'user'])
  t.match(sent[1]?.content, /They talked about Tokyo\./)
  t.equal(sent.filter((item) => item.content === 'now?').length, 1)
})

test('aborting mid-stream rejects promptly with the reason and aborts the provider signal', async (t) => {
  const controller = new AbortController()
  const provider = scriptedProvider(async function * () {
    yield text('first words')
    await new Promise(() => {})
  })
  const assistant = createAssistant({ provider, clock })
  const seen: AssistantEvent[] = []
  const run = (async () => {
    for await (const event of assistant.stream({ message: 'x', signal: controller.signal })) {
      seen.push(event)
      if (event.type === 'delta') controller.abort(new Error('client went away'))
    }
  })()
  await t.rejects(run, { message: 'client went away' })
  t.same(seen.map((event) => event.type), ['delta'])
  t.equal(provider.requests[0]?.signal.aborted, true)
})

test('aborting while tools run stops them and rejects', async (t) => {
  const controller = new AbortController()
  const toolSignals: AbortSignal[] = []
  const stuck = defineTool({
    name: 'stuck',
    description: 'x',
    parameters: Type.Object({}),
    execute: (_args, ctx) => { toolSignals.push(ctx.signal); setTimeout(() => controller.abort(), 5); return new Promise<never>(() => {}) }
  })
  const provider = scriptedProvider(() => [call(0, 'stuck', {}), toolsFinish])
  const assistant = createAssistant({ provider, tools: [stuck], clock, toolTimeoutMs: 60_000 })
  await t.rejects(assistant.reply({ message: 'x', signal: controller.signal }), { name: 'AbortError' })
  t.equal(toolSignals[0]?.aborted, true)
  t.equal(provider.requests.length, 1)
})

test('an already aborted signal never reaches the provider', async (t) => {
  const provider = scriptedProvider(() => [text('no'), stop()])
  const assistant = createAssistant({ provider, clock })
  await t.rejects(assistant.reply({ message: 'x', signal: AbortSignal.abort() }), { name: 'AbortError' })
  t.equal(provider.requests.length, 0)
})

test('a consumer that stops reading aborts the provider', async (t) => {
  const provider = scriptedProvider(async function * () {
    yield text('a')
    yield text('b')
    await new Promise(() => {})
  })
  const assistant = createAssistant({ provider, clock })
  for await (const event of assistant.stream({ message: 'x' })) {
    if (event.type === 'delta') break
  }
  t.equal(provider.requests[0]?.signal.aborted, true)
})

test('usage adds up over rounds; options are validated', async (t) => {
  const provider = scriptedProvider((_request, turn) => turn === 0
    ? [call(0, 'add', { a: 1, b: 2 }), { type: 'finish', reason: 'tool_calls', usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } }]
    : [text('3'), stop(20, 1)])
  const result = await createAssistant({ provider, tools: [add], clock }).reply({ message: 'x' })
  t.same(result.usage, { promptTokens: 30, completionTokens: 6, totalTokens: 36 })
  t.throws(() => createAssistant({ provider, clock, maxToolIterations: -1 }), RangeError)
  t.throws(() => createAssistant({ provider, clock, maxContextTokens: 0 }), RangeError)
  t.throws(() => createAssistant({ provider, clock, toolTimeoutMs: 1.5 }), RangeError)
})

test('the accumulator merges fragments by index, keeps the first name and fills missing ids', async (t) => {
  const accumulator = new ToolCallAccumulator()
  accumulator.add({ type: 'tool_call', index: 1, name: 'second', arguments: '{"x":' })
  accumulator.add({ type: 'tool_call', index: 0, id: 'a', name: 'first', arguments: '' })
  accumulator.add({ type: 'tool_call', index: 1, name: 'second', arguments: '1}' })
  t.equal(accumulator.size, 2)
  t.same(accumulator.calls((index) => `gen_${index}`), [
    { id: 'a', name: 'first', arguments: '{}' },
    { id: 'gen_1', name: 'second', arguments: '{"x":1}' }
  ])
})

test('a runaway model is stopped at maxReplyChars and the reply cut there (issue 12)', async (t) => {
  let returned = false
  let sent = 0
  const provider = {
    name: 'runaway',
    async * stream (): AsyncGenerator<ProviderEvent> {
      try {
        for (let i = 0; i < 1_000_000; i++) { sent++; yield text('abcdefghij') }
        yield stop()
      } finally {
        returned = true
      }
    }
  }
  const assistant = createAssistant({ provider, clock, maxReplyChars: 95 })
  const events = await collect(assistant.stream({ message: 'talk forever' }))
  const done = events.at(-1)
  t.equal(done?.type === 'done' && done.content, 'abcdefghij'.repeat(10).slice(0, 95))
  t.equal(deltas(events), 'abcdefghij'.repeat(10).slice(0, 95), 'the deltas stop where the reply does')
  t.equal(sent, 10, 'the model is not read past the cut')
  await new Promise((resolve) => setImmediate(resolve))
  t.ok(returned, 'the provider is released')
  t.throws(() => createAssistant({ provider, clock, maxReplyChars: 0 }), RangeError)
})

test('a cut reply drops the tool calls of its turn and takes no further round; a surrogate pair is never split', async (t) => {
  const provider = scriptedProvider((_request, turn) => turn === 0
    ? [text('ab'), call(0, 'add', { a: 1, b: 2 }), toolsFinish]
    : [text('x😀😀'), call(0, 'add', { a: 1, b: 2 }), toolsFinish])
  const assistant = createAssistant({ provider, clock, tools: [add], maxReplyChars: 6 })
  const events = await collect(assistant.stream({ message: 'add' }))
  const done = events.at(-1)
  // 'ab' + '\n\n' + 'x' fills 5 of 6: the next unit would split the emoji, so the cut is before it.
  t.equal(done?.type === 'done' && done.content, 'ab\n\nx')
  t.equal(deltas(events), 'ab\n\nx')
  t.equal(provider.requests.length, 2, 'no round after the cut')
  t.same(done?.type === 'done' && done.toolCalls, [{ name: 'add', ok: true }], 'only the first round\'s tool ran')
})

test('a reply with no room left for the next round yields no stray separator', async (t) => {
  const provider = scriptedProvider((_request, turn) => turn === 0 ? [text('abcd'), call(0, 'add', { a: 1, b: 2 }), toolsFinish] : [text('more')])
  const assistant = createAssistant({ provider, clock, tools: [add], maxReplyChars: 5 })
  const events = await collect(assistant.stream({ message: 'add' }))
  const done = events.at(-1)
  t.equal(done?.type === 'done' && done.content, 'abcd')
  t.equal(deltas(events), 'abcd')
})
