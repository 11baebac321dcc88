import { test } from 'tap'
import { createBackgroundRetry, createChat, createChatService, createSummaryWriter, type AssistantEvent, type ReplyEngine, type ReplyRequest } from '../../../lib/chat/index.js'
import { createConversationStore, createMessageStore, createSessionStore, createUsageStore, type MessageStore } from '../../../lib/conversations/index.js'
import { AssistantUnavailableError, BadRequestError, NotFoundError } from '../../../lib/errors/catalogue.js'
import { initialIndexes } from '../../../lib/migrations/001-initial-indexes.js'
import { embeddedDb } from '../embedded-db.js'

// An engine that echoes and records what it was given; `fail` makes the next reply throw it.
function echoEngine () {
  const requests: ReplyRequest[] = []
  let fail: unknown
  const engine: ReplyEngine = {
    async * reply (request): AsyncGenerator<AssistantEvent> {
      requests.push(request)
      if (fail !== undefined) {
        const err = fail
        fail = undefined
        throw err
      }
      const content = `echo: ${request.message}`
      yield { type: 'delta', text: content }
      yield { type: 'done', content, toolCalls: [], usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, context: { historyMessages: request.history.length, droppedMessages: 0, promptTokens: 0 } }
    }
  }
  return { engine, requests, failNext: (err: unknown) => { fail = err } }
}

test('the chat service', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  const echo = echoEngine()
  let titleFails = false
  const titles = async (message: string): Promise<string> => {
    if (titleFails) throw new Error('titler down')
    return `T:${message.slice(0, 10)}`
  }
  const warnings: string[] = []
  const log = { info: () => {}, warn: (_obj: object, msg?: string) => { warnings.push(msg ?? '') }, error: () => {} }
  const { service, close } = createChat({ db, engine: echo.engine, titles, sessionTtlMs: 60_000, log })
  t.teardown(close)

  await t.test('the engine gets earlier messages oldest first, without the new one', async (t) => {
    const started = await service.start('o1', { message: 'first' })
    await service.post('o1', started.conversation.id, { message: 'second' })
    const last = echo.requests.at(-1)
    t.equal(last?.message, 'second')
    t.same(last?.history, [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'echo: first' }])
    t.equal(last?.platform, 'api')
    t.equal(started.conversation.title, 'T:first')
  })

  await t.test('a failing titler leaves the conversation untitled; the next turn titles it', async (t) => {
    titleFails = true
    const started = await service.start('o1', { message: 'untitled one' })
    t.equal(started.conversation.title, '')
    t.ok(warnings.includes('title generation failed'))
    titleFails = false
    const next = await service.post('o1', started.conversation.id, { message: 'now titled' })
    t.equal(next.conversation.title, 'T:now titled')
  })

  await t.test('an engine failure is AssistantUnavailableError with the conversation id and its Retry-After', async (t) => {
    const started = await service.start('o1', { message: 'hello' })
    echo.failNext(Object.assign(new Error('429 from upstream'), { retryAfterSeconds: 12.2 }))
    const err = await service.post('o1', started.conversation.id, { message: 'boom' }).catch((e: unknown) => e)
    t.ok(err instanceof AssistantUnavailableError)
    if (err instanceof AssistantUnavailableError) {
      t.equal(err.conversationId, started.conversation.id)
      t.equal(err.retryAfterSeconds, 13)
      t.equal(err.statusCode, 503)
    }
    const after = await service.describe('o1', started.conversation.id, { messagesLimit: 10 })
    t.equal(after.messages.at(-1)?.content, 'boom')
    const reply = await service.replyPending('o1', started.conversation.id)
    t.equal(reply.reply.content, 'echo: boom')
  })

  await t.test('an aborted turn rethrows the abort, not an outage', async (t) => {
    const started = await service.start('o1', { message: 'hello' })
    const controller = new AbortController()
    const reason = new Error('client gone')
    controller.abort(reason)
    echo.failNext(reason)
    const err = await service.post('o1', started.conversation.id, { message: 'x' }, { signal: controller.signal }).catch((e: unknown) => e)
    t.equal(err, reason)
  })

  await t.test('onStored sees the user message before the engine runs; resume answers it without storing again', async (t) => {
    const started = await service.start('o1', { message: 'hello' })
    const stored: unknown[] = []
    echo.failNext(new Error('down'))
    await t.rejects(service.post('o1', started.conversation.id, { message: 'again' }, { onStored: async (p) => { stored.push(p) } }))
    t.same(stored, [{ conversationId: started.conversation.id, userSeq: 3 }])
    const resumed = await service.post('o1', started.conversation.id, { message: 'again' }, { resume: { conversationId: started.conversation.id, userSeq: 3 } })
    t.equal(resumed.message.content, 'again')
    t.equal(resumed.conversation.messageCount, 4)
    const twice = await service.post('o1', started.conversation.id, { message: 'again' }, { resume: { conversationId: started.conversation.id, userSeq: 3 } })
    t.equal(twice.reply.id, resumed.reply.id, 'an answered message is not answered twice')
  })

  await t.test('unknown ids, other owners and bad cursors', async (t) => {
    const started = await service.start('o1', { message: 'hello' })
    await t.rejects(service.describe('o2', started.conversation.id, { messagesLimit: 5 }), NotFoundError)
    await t.rejects(service.post('o1', 'zzz', { message: 'x' }), NotFoundError)
    await t.rejects(service.rename('o1', 'zzz', 'x'), NotFoundError)
    await t.rejects(service.remove('o2', started.conversation.id), NotFoundError)
    await t.rejects(service.list('o1', { limit: 5, cursor: 'nope' }), BadRequestError)
    const listed = await service.list('o1', { limit: 100 })
    t.ok(listed.items.every((item) => item.metadata.platform === 'api'))
  })
})

test('a reply claim whose release fails is released in the background, so the reply can be asked for again', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  const now = (): Date => new Date()
  const messages = createMessageStore(db, now)
  let outage = 2
  const flaky: MessageStore = {
    ...messages,
    releaseReply: async (id) => {
      if (outage-- > 0) throw new Error('connection 7 to 127.0.0.1:27017 closed')
      await messages.releaseReply(id)
    }
  }
  const reports: string[] = []
  const background = createBackgroundRetry({ initialDelayMs: 10, maxDelayMs: 20, onFailure: (operation) => reports.push(operation) })
  t.teardown(() => background.close())
  const echo = echoEngine()
  const service = createChatService({
    conversations: createConversationStore(db, now),
    messages: flaky,
    sessions: createSessionStore({ db, now, ttlMs: 60_000 }),
    engine: echo.engine,
    titles: async () => 'title',
    now,
    background,
    usage: createUsageStore(db),
    summaries: createSummaryWriter({ conversations: createConversationStore(db, now), messages, engine: echo.engine, usage: createUsageStore(db), now })
  })
  const started = await service.start('o1', { message: 'hello' })
  echo.failNext(new Error('model down'))
  const failed = await service.post('o1', started.conversation.id, { message: 'are you there?' }).catch((err: unknown) => err)
  t.ok(failed instanceof AssistantUnavailableError, 'the turn fails with the model')
  t.same(reports, ['reply.release'], 'the failed release is reported')
  // Without the background release the claim would hold for 150 s and this would be a 409.
  let reply
  for (let i = 0; i < 50 && reply === undefined; i++) {
    reply = await service.replyPending('o1', started.conversation.id).catch(async () => { await new Promise((resolve) => setTimeout(resolve, 20)) })
  }
  t.equal(reply?.reply.content, 'echo: are you there?')
})
