import { test } from 'tap'
import { ObjectId } from 'mongodb'
import { messageTokens } from '../../../lib/assistant/index.js'
import { createSummarizer } from '../../../lib/assistant/summarizer.js'
import { createSummaryWriter, foldBoundary, type ReplyEngine } from '../../../lib/chat/index.js'
import { createConversationStore, createMessageStore, createPromptStore, createUsageStore, type MessageDoc } from '../../../lib/conversations/index.js'
import { initialIndexes } from '../../../lib/migrations/001-initial-indexes.js'
import { embeddedDb } from '../embedded-db.js'

const doc = (seq: number, tokens: number): MessageDoc => ({
  _id: new ObjectId(), conversationId: new ObjectId(), ownerId: 'o', seq, role: seq % 2 === 1 ? 'user' : 'assistant', content: `m${seq}`, createdAt: new Date(), tokens
})

test('the fold boundary: every dropped message, then the oldest kept ones down to half the kept tokens', async (t) => {
  const offered = [1, 2, 3, 4, 5, 6].map((seq) => doc(seq, 10))
  t.equal(foldBoundary(offered, 2, messageTokens), 4, 'two dropped; of 40 kept tokens, 20 folded')
  t.equal(foldBoundary(offered, 0, messageTokens), 3, 'nothing dropped: the older half')
  t.equal(foldBoundary([doc(7, 10)], 0, messageTokens), undefined, 'one message: nothing to fold')
})

test('the summarizer folds in requests that fit, and cuts a message longer than a request', async (t) => {
  const requests: number[] = []
  const summarizer = createSummarizer({
    maxContextTokens: 400,
    maxSummaryTokens: 50,
    complete: async ({ messages, maxOutputTokens }) => {
      requests.push(messages.reduce((sum, m) => sum + messageTokens(m.content), 0) + maxOutputTokens)
      return { text: `summary ${requests.length} `.repeat(40), usage: { promptTokens: 5, completionTokens: 2, totalTokens: 7 } }
    }
  })
  const huge = 'word '.repeat(2000)
  const result = await summarizer.fold(undefined, [{ role: 'user', content: huge }, { role: 'assistant', content: 'short answer' }], new AbortController().signal)
  t.ok(requests.length >= 1)
  t.ok(requests.every((tokens) => tokens <= 400), `every request within 400 tokens: ${requests.join(', ')}`)
  t.ok(messageTokens(result.summary) <= 50 + 4, 'the summary is held to its budget even when the model writes more')
  t.same(result.usage, { promptTokens: 5 * requests.length, completionTokens: 2 * requests.length, totalTokens: 7 * requests.length })
  t.throws(() => createSummarizer({ maxContextTokens: 100, maxSummaryTokens: 100, complete: async () => ({ text: '', usage: undefined }) }), RangeError)
  const empty = createSummarizer({ maxContextTokens: 400, maxSummaryTokens: 50, complete: async () => ({ text: '  ', usage: undefined }) })
  await t.rejects(empty.fold('before', [{ role: 'user', content: 'x' }], new AbortController().signal), /empty summary/)
})

test('the summary writer: writes once per fold, loses a race quietly, logs a failed fold', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  const now = (): Date => new Date()
  const conversations = createConversationStore(db, now)
  const messages = createMessageStore(db, now)
  const usage = createUsageStore(db)
  const conversation = await conversations.create('o1', {})
  for (let i = 1; i <= 6; i++) await messages.append('o1', conversation._id, { role: i % 2 === 1 ? 'user' : 'assistant', content: `message ${i}`, tokens: 10 })
  let fail = false
  const engine: ReplyEngine = {
    reply: async function * () {},
    countTokens: messageTokens,
    summarize: async (previous, folded) => {
      if (fail) throw new Error('model down')
      return { summary: `${previous ?? ''}[${folded.map((m) => m.content).join('|')}]`, usage: { promptTokens: 3, completionTokens: 1, totalTokens: 4 }, requests: 1 }
    }
  }
  const warnings: string[] = []
  const writer = createSummaryWriter({ conversations, messages, engine, usage, now, log: { info: () => {}, warn: (_o, msg) => { warnings.push(msg ?? '') }, error: () => {} } })
  const offered = await messages.history(conversation._id, 6, 50)

  writer.afterTurn({ ownerId: 'o1', conversation, offered, dropped: 0, truncated: false })
  await writer.idle()
  t.equal((await conversations.get('o1', conversation._id))?.summary, undefined, 'nothing dropped: no fold')

  writer.afterTurn({ ownerId: 'o1', conversation, offered, dropped: 2, truncated: false })
  writer.afterTurn({ ownerId: 'o1', conversation, offered, dropped: 2, truncated: false })
  await writer.idle()
  const folded = await conversations.get('o1', conversation._id)
  t.equal(folded?.summary, '[message 1|message 2|message 3|message 4]')
  t.equal(folded?.summaryUpTo, 4)
  t.same((await usage.days('o1', '2000-01-01')).map((d) => d.requests), [1], 'one fold ran and was counted')

  // A fold that started from the old summary loses to the one that already moved it.
  writer.afterTurn({ ownerId: 'o1', conversation, offered, dropped: 3, truncated: false })
  await writer.idle()
  t.equal((await conversations.get('o1', conversation._id))?.summaryUpTo, 4, 'the stale fold did not overwrite')

  fail = true
  writer.afterTurn({ ownerId: 'o1', conversation: folded ?? conversation, offered: offered.slice(4), dropped: 1, truncated: true })
  await writer.idle()
  t.match(warnings, [/could not be folded/])
  writer.close()
  writer.afterTurn({ ownerId: 'o1', conversation, offered, dropped: 2, truncated: false })
  await writer.idle()
})

test('prompt publishing survives a concurrent publish of the same version', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  const store = createPromptStore({ db, now: () => new Date() })
  const [a, b] = await Promise.all([store.publish('web', 'first'), store.publish('web', 'second')])
  t.same([a.version, b.version].sort(), [1, 2])
  t.equal(await store.systemPrompt('web'), a.version === 2 ? 'first' : 'second')
})
