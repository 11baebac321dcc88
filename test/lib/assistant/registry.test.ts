import { test } from 'tap'
import Type from 'typebox'
import { createToolRegistry, defineTool, ToolError, type Tool } from '../../../lib/assistant/index.js'
import { barrier } from './scripted-provider.js'

const clock = (): Date => new Date('2026-11-25T13:05:09Z')
const signal = (): AbortSignal => new AbortController().signal

const echo = defineTool({
  name: 'echo',
  description: 'Echoes a word',
  parameters: Type.Object({ word: Type.String({ minLength: 1 }), times: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })) }, { additionalProperties: false }),
  execute: (args) => ({ echoed: args.word.repeat(args.times ?? 1) })
})

function hanging (name: string, seen: AbortSignal[]): Tool {
  return defineTool({
    name,
    description: 'Never finishes',
    parameters: Type.Object({}),
    execute: (_args, ctx) => {
      seen.push(ctx.signal)
      return new Promise<never>(() => {})
    }
  })
}

test('a valid call returns ok with the tool value, and the content is its JSON', async (t) => {
  const registry = createToolRegistry([echo], { clock })
  const outcome = await registry.execute({ id: 'a', name: 'echo', arguments: '{"word":"hi","times":2}' }, signal())
  t.same(outcome.result, { ok: true, result: { echoed: 'hihi' } })
  t.same(JSON.parse(outcome.content), outcome.result)
  t.same(outcome.arguments, { word: 'hi', times: 2 })
})

test('calls run in parallel: two tools that wait for each other both finish', async (t) => {
  const meet = barrier(2)
  let active = 0
  let maxActive = 0
  const waiter = (name: string): Tool => defineTool({
    name,
    description: 'waits for the other',
    parameters: Type.Object({}),
    execute: async () => {
      active++
      maxActive = Math.max(maxActive, active)
      await meet()
      active--
      return name
    }
  })
  const registry = createToolRegistry([waiter('first'), waiter('second')], { clock, timeoutMs: 2000 })
  const outcomes = await registry.executeAll([
    { id: '1', name: 'first', arguments: '{}' },
    { id: '2', name: 'second', arguments: '{}' }
  ], signal())
  t.same(outcomes.map((outcome) => outcome.result), [{ ok: true, result: 'first' }, { ok: true, result: 'second' }])
  t.equal(maxActive, 2)
})

test('a tool that outlives its timeout becomes ok:false and its signal is aborted', async (t) => {
  const seen: AbortSignal[] = []
  const registry = createToolRegistry([hanging('slow', seen)], { clock, timeoutMs: 20 })
  const outcome = await registry.execute({ id: '1', name: 'slow', arguments: '{}' }, signal())
  t.equal(outcome.result.ok, false)
  t.match(outcome.result, { error: /slow timed out after 20 ms/ })
  t.equal(seen[0]?.aborted, true)
})

test('a tool timeout overrides the registry default', async (t) => {
  const seen: AbortSignal[] = []
  const tool: Tool = { ...hanging('slow', seen), timeoutMs: 5 }
  const registry = createToolRegistry([tool], { clock, timeoutMs: 60_000 })
  const outcome = await registry.execute({ id: '1', name: 'slow', arguments: '{}' }, signal())
  t.match(outcome.result, { ok: false, error: /after 5 ms/ })
})

test('arguments that break the schema are reported, not executed', async (t) => {
  let ran = 0
  const counted = defineTool({ name: echo.name, description: echo.description, parameters: echo.parameters, execute: () => { ran++; return 'ran' } })
  const registry = createToolRegistry([counted], { clock })
  const wrongType = await registry.execute({ id: '1', name: 'echo', arguments: '{"word":3}' }, signal())
  t.match(wrongType.result, { ok: false, error: /invalid arguments for echo: \/word must be string/ })
  const extra = await registry.execute({ id: '2', name: 'echo', arguments: '{"word":"x","colour":"red"}' }, signal())
  t.match(extra.result, { ok: false, error: /additional properties/ })
  const missing = await registry.execute({ id: '3', name: 'echo', arguments: '{}' }, signal())
  t.match(missing.result, { ok: false, error: /word/ })
  const outOfRange = await registry.execute({ id: '4', name: 'echo', arguments: '{"word":"x","times":9}' }, signal())
  t.match(outOfRange.result, { ok: false, error: /\/times/ })
  t.equal(ran, 0)
})

test('malformed JSON and unknown tools become explicit errors', async (t) => {
  const registry = createToolRegistry([echo], { clock })
  const broken = await registry.execute({ id: '1', name: 'echo', arguments: '{"word": ' }, signal())
  t.match(broken.result, { ok: false, error: /not valid JSON/ })
  t.equal(broken.arguments, '{"word": ')
  const unknown = await registry.execute({ id: '2', name: 'nope', arguments: '{}' }, signal())
  t.match(unknown.result, { ok: false, error: /unknown tool: nope/ })
})

test('thrown errors become ok:false: ToolError messages reach the model, others are logged and generic', async (t) => {
  const warnings: object[] = []
  const logger = { debug: () => {}, warn: (obj: object) => { warnings.push(obj) } }
  const explained = defineTool({ name: 'explained', description: 'x', parameters: Type.Object({}), execute: () => { throw new ToolError('no data for Narnia') } })
  const crashing = defineTool({ name: 'crashing', description: 'x', parameters: Type.Object({}), execute: async () => { throw new Error('db password is hunter2') } })
  const weird = defineTool({ name: 'weird', description: 'x', parameters: Type.Object({}), execute: () => Promise.reject(new TypeError('not a ToolError')) })
  const registry = createToolRegistry([explained, crashing, weird], { clock, logger })
  const outcomes = await registry.executeAll(['explained', 'crashing', 'weird'].map((name) => ({ id: name, name, arguments: '{}' })), signal())
  t.same(outcomes[0]?.result, { ok: false, error: 'no data for Narnia' })
  t.same(outcomes[1]?.result, { ok: false, error: 'crashing failed unexpectedly' })
  t.notMatch(outcomes[1]?.content ?? '', /hunter2/)
  t.same(outcomes[2]?.result, { ok: false, error: 'weird failed unexpectedly' })
  t.equal(warnings.length, 2)
})

test('a result that cannot be JSON is an error, not a crash', async (t) => {
  const bigint = defineTool({ name: 'big', description: 'x', parameters: Type.Object({}), execute: () => ({ value: 10n }) })
  const registry = createToolRegistry([bigint], { clock })
  const outcome = await registry.execute({ id: '1', name: 'big', arguments: '{}' }, signal())
  t.match(outcome.result, { ok: false, error: /not JSON/ })
})

test('aborting the request cancels running tools', async (t) => {
  const seen: AbortSignal[] = []
  const registry = createToolRegistry([hanging('slow', seen)], { clock, timeoutMs: 60_000 })
  const controller = new AbortController()
  const pending = registry.execute({ id: '1', name: 'slow', arguments: '{}' }, controller.signal)
  setTimeout(() => controller.abort(), 5)
  const outcome = await pending
  t.match(outcome.result, { ok: false, error: /cancelled/ })
  t.equal(seen[0]?.aborted, true)
  const already = await registry.execute({ id: '2', name: 'slow', arguments: '{}' }, controller.signal)
  t.match(already.result, { ok: false, error: /cancelled/ })
})

test('tools get the injected clock', async (t) => {
  const now = defineTool({ name: 'now', description: 'x', parameters: Type.Object({}), execute: (_args, ctx) => ctx.clock().toISOString() })
  const registry = createToolRegistry([now], { clock })
  const outcome = await registry.execute({ id: '1', name: 'now', arguments: '' }, signal())
  t.same(outcome.result, { ok: true, result: '2026-11-25T13:05:09.000Z' })
})

test('definitions are plain JSON schema usable as OpenAI functions; bad registries are refused', async (t) => {
  const registry = createToolRegistry([echo], { clock })
  const [definition] = registry.definitions
  t.equal(definition?.name, 'echo')
  t.same(definition?.parameters, JSON.parse(JSON.stringify(definition?.parameters)))
  t.equal(Object.getOwnPropertySymbols(definition?.parameters ?? {}).length, 0)
  t.match(definition?.parameters, { type: 'object', required: ['word'], additionalProperties: false })
  t.ok(registry.has('echo'))
  t.notOk(registry.has('other'))
  t.throws(() => createToolRegistry([echo, echo], { clock }), /duplicate tool name/)
  t.throws(() => createToolRegistry([{ ...echo, name: 'has space' }], { clock }), /invalid tool name/)
})
