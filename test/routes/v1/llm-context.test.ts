import { ObjectId } from 'mongodb'
import { test } from 'tap'
import { messageTokens } from '../../../lib/assistant/index.js'
import { SUMMARY_INSTRUCTIONS } from '../../../lib/assistant/summarizer.js'
import { countTokens } from 'gpt-tokenizer'
import { build } from '../../helper.js'
import { answers, startFakeLlm, type ChatRequestBody } from '../../support/fake-llm.js'
import { post } from './chat-fixtures.js'

// The token budget and the rolling summary (DESIGN.md 5.1) against the fake model: a conversation far
// longer than MAX_CONTEXT_TOKENS keeps every request within it, and what falls out is folded into a summary
// that later requests carry.

const MAX_CONTEXT_TOKENS = 3000
const MAX_OUTPUT_TOKENS = 300
const WORDS = ['river', 'mountain', 'garden', 'lantern', 'harbour', 'meadow', 'copper', 'violet', 'thunder', 'pebble', 'orchard', 'falcon', 'glacier', 'saffron', 'tundra', 'velvet']

/** About 1,200 characters (some 250 tokens) of varied words, tagged so a test can find it in requests. */
function longText (tag: string, seed: number): string {
  const words: string[] = [tag]
  for (let i = 0; words.join(' ').length < 1200; i++) words.push(WORDS[(seed * 7 + i * 3 + (i % 5)) % WORDS.length] ?? 'stone')
  return words.join(' ')
}

/** What the engine counts for a request: every message, the tool definitions, reply priming and the reply. */
function requestTokens (body: ChatRequestBody): number {
  const tools = (body.tools ?? []).map((tool) => ({ name: tool.function.name, description: tool.function.description, parameters: tool.function.parameters }))
  const messages = body.messages.reduce((sum, message) => sum + messageTokens(message.content ?? ''), 0)
  return messages + (tools.length === 0 ? 0 : countTokens(JSON.stringify(tools))) + 3 + (body.max_completion_tokens ?? 0)
}

const isSummaryRequest = (body: ChatRequestBody): boolean => body.messages[0]?.content === SUMMARY_INSTRUCTIONS

test('a conversation of 200 long messages stays within the token budget and is summarised', async (t) => {
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  let folds = 0
  let replies = 0
  fake.responder = (body) => {
    if (body.stream === true) return answers.text(longText(`REPLY${++replies}`, replies))
    if (isSummaryRequest(body)) return answers.text(`SUMMARY-${++folds}: the user and the assistant talked about rivers and mountains.`)
    return answers.text('Long conversation')
  }
  const app = await build(t, {
    LLM_BASE_URL: fake.baseUrl,
    LLM_MODEL: 'budget-model',
    MAX_CONTEXT_TOKENS: String(MAX_CONTEXT_TOKENS),
    LLM_MAX_OUTPUT_TOKENS: String(MAX_OUTPUT_TOKENS)
  })
  const started = await app.inject(post('/v1/conversations', { message: longText('USER0', 0) }))
  t.equal(started.statusCode, 201)
  const id = started.json().conversation.id
  // Turns 1..89 are written straight to the database, as an older deployment (without stored token
  // counts or a summary) left them; the last ten go through the API. The first of those folds 150-odd
  // messages in several requests, the later ones fold incrementally.
  const conversationId = new ObjectId(id)
  const seeded = []
  for (let turn = 1; turn < 90; turn++) {
    const at = new Date()
    const common = { conversationId, ownerId: started.json().conversation.ownerId, createdAt: at }
    seeded.push({ ...common, _id: new ObjectId(), seq: turn * 2 + 1, role: 'user', content: longText(`USER${turn}`, turn) })
    seeded.push({ ...common, _id: new ObjectId(), seq: turn * 2 + 2, role: 'assistant', content: longText(`REPLY-SEEDED${turn}`, turn), inReplyTo: turn * 2 + 1 })
  }
  const owner = (await app.db.collection('conversations').findOne({ _id: conversationId }))?.ownerId
  await app.db.collection('messages').insertMany(seeded.map((doc) => ({ ...doc, ownerId: owner })))
  await app.db.collection('conversations').updateOne({ _id: conversationId }, { $set: { messageCount: 180 } })
  fake.calls.length = 0
  for (let turn = 90; turn < 100; turn++) {
    const res = await app.inject(post(`/v1/conversations/${id}/messages`, { message: longText(`USER${turn}`, turn) }))
    if (res.statusCode !== 201) t.fail(`turn ${turn}: ${res.statusCode} ${res.body}`)
    await app.chatIdle()
  }
  t.equal(fake.calls[0]?.headers.authorization, 'Bearer unused', 'no LLM_API_KEY: a placeholder token for servers that need none')
  const conversation = await app.db.collection('conversations').findOne({})
  t.equal(conversation?.messageCount, 200)

  const over = fake.calls.filter((call) => requestTokens(call.body) > MAX_CONTEXT_TOKENS)
  t.same(over.map((call) => requestTokens(call.body)), [], `every one of ${fake.calls.length} requests fits ${MAX_CONTEXT_TOKENS} tokens, the reply reserve included`)

  const replyRequests = fake.calls.filter((call) => call.body.stream === true).map((call) => call.body)
  t.equal(replyRequests.length, 10)
  for (const body of replyRequests) {
    const contents = body.messages.filter((m) => m.role !== 'system').map((m) => m.content)
    if (new Set(contents).size !== contents.length) t.fail('a message was sent twice in one request')
  }

  t.ok(folds >= 4, `the summary was folded ${folds} times`)
  const streams = fake.calls.flatMap((call, index) => call.body.stream === true ? [index] : [])
  const firstFold = fake.calls.slice(streams[0], streams[1]).filter((call) => isSummaryRequest(call.body))
  t.ok(firstFold.length > 1, `the first fold of 150-odd messages took ${firstFold.length} requests, each within the budget`)
  t.match(conversation?.summary, new RegExp(`^SUMMARY-${folds}:`), 'the latest summary is stored on the conversation')
  t.ok(conversation?.summaryUpTo > 180, `summaryUpTo ${conversation?.summaryUpTo} follows the conversation`)
  const last = replyRequests.at(-1)
  t.match(last?.messages[1]?.content, /^Summary of the earlier conversation:\nSUMMARY-\d+:/, 'later requests carry the summary')
  const lastUser = last?.messages.filter((m) => m.role === 'user').map((m) => m.content?.split(' ')[0])
  t.equal(lastUser?.at(-1), 'USER99', 'the new message is sent')
  t.ok((lastUser?.length ?? 0) >= 2, 'with recent turns')
  t.ok(!(last?.messages.some((m) => m.content?.startsWith('USER0 ')) ?? true), 'the oldest turns are only in the summary')

  const foldRequests = fake.calls.filter((call) => isSummaryRequest(call.body))
  t.match(foldRequests.at(-1)?.body.messages[1]?.content, /^Summary so far:\nSUMMARY-\d+:/, 'each fold builds on the summary so far')
  const usage = await app.inject({ method: 'GET', url: '/v1/usage', headers: { 'x-api-key': 'test-api-key-0123456789abcdef' } })
  t.equal(usage.json().totals.requests, 1 + replyRequests.length + foldRequests.length, 'every reply turn (the first one too) and fold is counted per key')
})
