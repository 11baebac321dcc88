import { test } from 'tap'
import { build } from '../../helper.js'
import { JSON_HEADERS, RFC3339, call, newKey, switchableProvider, tickingClock } from './twirp-fixtures.js'

const OBJECT_ID = /^[0-9a-f]{24}$/

test('Twirp ChatService methods', async (t) => {
  const provider = switchableProvider()
  const app = await build(t, {}, { app: { assistant: { provider }, chat: { now: tickingClock() } } })

  await t.test('ListConversations answers {} for a key without conversations', async (t) => {
    const res = await app.inject(call('ListConversations', {}, await newKey(app)))
    t.equal(res.statusCode, 200)
    t.equal(res.body, '{}')
  })

  await t.test('StartConversation answers conversation_id, title and reply, ignoring unknown fields', async (t) => {
    const res = await app.inject(call('StartConversation', { message: 'what time is it in Tokyo?', client_version: '1.2.3' }))
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/json/)
    const body = res.json()
    t.same(Object.keys(body).sort(), ['conversation_id', 'reply', 'title'])
    t.match(body.conversation_id, OBJECT_ID)
    t.match(body.reply, /Tokyo/)
    t.ok(body.title.length > 0 && [...body.title].length <= 60)
  })

  await t.test('ContinueConversation answers the reply, by conversation_id or conversationId', async (t) => {
    const started = (await app.inject(call('StartConversation', { message: 'hello' }))).json()
    const snake = await app.inject(call('ContinueConversation', { conversation_id: started.conversation_id, message: '¿qué hora es en Madrid?' }))
    t.equal(snake.statusCode, 200)
    t.same(Object.keys(snake.json()), ['reply'])
    t.match(snake.json().reply, /Madrid/)
    const camel = await app.inject(call('ContinueConversation', { conversationId: started.conversation_id, message: 'next holiday in France' }))
    t.equal(camel.statusCode, 200)
    t.match(camel.json().reply, /France|Francia/)
    const described = (await app.inject(call('DescribeConversation', { conversation_id: started.conversation_id }))).json()
    t.equal(described.conversation.messages.length, 6, 'three turns stored in the same conversation')
  })

  await t.test('DescribeConversation answers the conversation with its messages in order', async (t) => {
    const started = (await app.inject(call('StartConversation', { message: 'hello' }))).json()
    await app.inject(call('ContinueConversation', { conversation_id: started.conversation_id, message: 'time in Paris' }))
    const res = await app.inject(call('DescribeConversation', { conversation_id: started.conversation_id }))
    t.equal(res.statusCode, 200)
    const { conversation } = res.json()
    t.same(Object.keys(conversation).sort(), ['id', 'messages', 'timestamp', 'title'])
    t.equal(conversation.id, started.conversation_id)
    t.equal(conversation.title, started.title)
    t.match(conversation.timestamp, RFC3339)
    t.same(conversation.messages.map((m: { role: string }) => m.role), ['USER', 'ASSISTANT', 'USER', 'ASSISTANT'])
    t.same(conversation.messages.map((m: { content: string }) => m.content).filter((_: string, i: number) => i % 2 === 0), ['hello', 'time in Paris'])
    for (const message of conversation.messages) {
      t.same(Object.keys(message).sort(), ['content', 'id', 'role', 'timestamp'])
      t.match(message.id, OBJECT_ID)
      t.match(message.timestamp, RFC3339)
    }
    const last = conversation.messages.at(-1)
    t.equal(conversation.timestamp, last.timestamp, 'the conversation timestamp is its last update')
    t.ok(conversation.messages.every((m: { timestamp: string }, i: number, all: Array<{ timestamp: string }>) => i === 0 || Date.parse(all[i - 1]?.timestamp ?? '') <= Date.parse(m.timestamp)))
  })

  await t.test('ListConversations lists newest activity first, without messages', async (t) => {
    const headers = await newKey(app)
    const ids: string[] = []
    for (const message of ['hello', 'time in Lima', 'holidays in Spain']) {
      ids.push((await app.inject(call('StartConversation', { message }, headers))).json().conversation_id)
    }
    await app.inject(call('ContinueConversation', { conversation_id: ids[0], message: 'and in Rome?' }, headers))
    const res = await app.inject(call('ListConversations', {}, headers))
    t.equal(res.statusCode, 200)
    const { conversations } = res.json()
    t.same(conversations.map((c: { id: string }) => c.id), [ids[0], ids[2], ids[1]], 'the continued conversation comes first')
    for (const conversation of conversations) {
      t.same(Object.keys(conversation).sort(), ['id', 'timestamp', 'title'])
      t.match(conversation.timestamp, RFC3339)
    }
    t.ok(Date.parse(conversations[0].timestamp) > Date.parse(conversations[1].timestamp))
  })

  await t.test('ListConversations returns at most 100', async (t) => {
    const headers = await newKey(app)
    const owner = (await app.inject({ method: 'GET', url: '/v1/conversations?limit=1', headers })).statusCode
    t.equal(owner, 200)
    const { keyId } = await app.apiKeys.check(headers['x-api-key'] ?? '').then((r) => r.ok ? r.principal : { keyId: '' })
    const db = app.db
    const at = new Date('2026-01-01T00:00:00Z')
    await db.collection('conversations').insertMany(Array.from({ length: 105 }, (_, i) => ({
      ownerId: keyId, title: `c${i}`, platform: 'api', createdAt: at, updatedAt: new Date(at.getTime() + i * 1000), messageCount: 0
    })))
    const { conversations } = (await app.inject(call('ListConversations', {}, headers))).json()
    t.equal(conversations.length, 100)
    t.equal(conversations[0].title, 'c104')
    t.equal(conversations[0].timestamp, '2026-01-01T00:01:44Z')
  })

  await t.test('session metadata: Start then Continue with the same chat continue one conversation', async (t) => {
    const headers = await newKey(app)
    const metadata = { platform: 'telegram', user_id: 'u-42', chat_id: '-100123' }
    const started = await app.inject(call('StartConversation', { message: 'hello', session_metadata: metadata }, headers))
    t.equal(started.statusCode, 200)
    const id = started.json().conversation_id
    const continued = await app.inject(call('ContinueConversation', { message: 'time in Tokyo', sessionMetadata: { platform: 'Telegram', userId: 'u-42', chatId: '-100123' } }, headers))
    t.equal(continued.statusCode, 200)
    t.match(continued.json().reply, /Tokyo/)
    const { conversations } = (await app.inject(call('ListConversations', {}, headers))).json()
    t.same(conversations.map((c: { id: string }) => c.id), [id], 'one conversation for the chat')
    const described = (await app.inject(call('DescribeConversation', { conversation_id: id }, headers))).json()
    t.same(described.conversation.messages.filter((m: { role: string }) => m.role === 'USER').map((m: { content: string }) => m.content), ['hello', 'time in Tokyo'])
    const rest = (await app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: { 'x-api-key': headers['x-api-key'] ?? '' } })).json()
    t.same(rest.conversation.metadata, { platform: 'telegram', chatId: '-100123', userId: 'u-42' }, 'the session metadata is stored')

    const otherChat = await app.inject(call('ContinueConversation', { message: 'hello', session_metadata: { platform: 'telegram', chat_id: '-100999' } }, headers))
    t.equal(otherChat.statusCode, 200, 'Continue without conversation_id starts the session of a new chat')
    t.equal((await app.inject(call('ListConversations', {}, headers))).json().conversations.length, 2)
  })

  await t.test('Twirp sessions are the same sessions as POST /v1/sessions/messages', async (t) => {
    const headers = await newKey(app)
    const rest = await app.inject({ method: 'POST', url: '/v1/sessions/messages', headers, payload: { platform: 'slack', chatId: 'C01', message: 'hello' } })
    t.equal(rest.statusCode, 201)
    const started = await app.inject(call('StartConversation', { message: 'time in Oslo', session_metadata: { platform: 'slack', chat_id: 'C01' } }, headers))
    t.equal(started.json().conversation_id, rest.json().conversation.id)
  })

  await t.test('StartConversation with incomplete metadata starts a conversation carrying it', async (t) => {
    const headers = await newKey(app)
    const started = (await app.inject(call('StartConversation', { message: 'hello', session_metadata: { platform: 'web', user_id: 'u-7' } }, headers))).json()
    const again = (await app.inject(call('StartConversation', { message: 'hello', session_metadata: { platform: 'web', user_id: 'u-7' } }, headers))).json()
    t.not(again.conversation_id, started.conversation_id, 'no chat_id, no session: each start is new')
    const rest = (await app.inject({ method: 'GET', url: `/v1/conversations/${started.conversation_id}`, headers: { 'x-api-key': headers['x-api-key'] ?? '' } })).json()
    t.same(rest.conversation.metadata, { platform: 'web', userId: 'u-7' })
  })

  await t.test('another key\'s conversation is not_found for every method', async (t) => {
    const started = (await app.inject(call('StartConversation', { message: 'hello' }))).json()
    const other = await newKey(app)
    for (const [method, payload] of [
      ['DescribeConversation', { conversation_id: started.conversation_id }],
      ['ContinueConversation', { conversation_id: started.conversation_id, message: 'hi' }]
    ] as const) {
      const res = await app.inject(call(method, payload, other))
      t.equal(res.statusCode, 404, method)
      t.same(res.json(), { code: 'not_found', msg: 'Conversation not found' })
    }
    t.equal((await app.inject(call('ListConversations', {}, other))).body, '{}', 'nor is it listed')
    const owner = (await app.inject(call('DescribeConversation', { conversation_id: started.conversation_id }))).json()
    t.equal(owner.conversation.messages.length, 2, 'the other key\'s message was not added')
  })

  await t.test('malformed and unknown ids are not_found', async (t) => {
    for (const id of ['nope', '665f1c2ab4e1f2a3b4c5d6e7', 'ZZZZZZZZZZZZZZZZZZZZZZZZ']) {
      const described = await app.inject(call('DescribeConversation', { conversation_id: id }))
      t.equal(described.statusCode, 404, id)
      t.same(described.json(), { code: 'not_found', msg: 'Conversation not found' })
      const continued = await app.inject(call('ContinueConversation', { conversation_id: id, message: 'hi' }))
      t.equal(continued.statusCode, 404)
      t.equal(continued.json().code, 'not_found')
    }
  })

  await t.test('validation errors are invalid_argument naming the argument', async (t) => {
    const blank = await app.inject(call('StartConversation', { message: '   ' }))
    t.equal(blank.statusCode, 400)
    t.same(blank.json(), { code: 'invalid_argument', msg: 'message is required', meta: { argument: 'message' } })
    const missing = await app.inject(call('ContinueConversation', { message: 'hi' }))
    t.equal(missing.statusCode, 400)
    t.same(missing.json(), {
      code: 'invalid_argument',
      msg: 'conversation_id is required unless session_metadata names the chat (platform and chat_id)',
      meta: { argument: 'conversation_id' }
    })
    const incomplete = await app.inject(call('ContinueConversation', { message: 'hi', session_metadata: { platform: 'telegram', user_id: 'u' } }))
    t.equal(incomplete.statusCode, 400)
    t.same(incomplete.json().meta, { argument: 'session_metadata.chat_id' })
    const tooLong = await app.inject(call('StartConversation', { message: 'x'.repeat(4001) }))
    t.equal(tooLong.statusCode, 400)
    t.same(tooLong.json(), { code: 'invalid_argument', msg: 'message must be at most 4000 characters', meta: { argument: 'message' } })
    const noId = await app.inject(call('DescribeConversation', {}))
    t.same(noId.json(), { code: 'invalid_argument', msg: 'conversation_id is required', meta: { argument: 'conversation_id' } })
  })

  await t.test('an Idempotency-Key retry returns the first response without calling the assistant', async (t) => {
    const headers = { ...JSON_HEADERS, 'idempotency-key': `twirp-${Date.now()}` }
    const first = await app.inject(call('StartConversation', { message: 'time in Sydney' }, headers))
    t.equal(first.statusCode, 200)
    const calls = provider.calls
    const retry = await app.inject(call('StartConversation', { message: 'time in Sydney' }, headers))
    t.equal(retry.statusCode, 200)
    t.equal(retry.body, first.body, 'the same response')
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(provider.calls, calls, 'the assistant did not run again')
    const other = await app.inject(call('StartConversation', { message: 'time in Lagos' }, headers))
    t.equal(other.statusCode, 400)
    t.equal(other.json().code, 'invalid_argument', 'the same key with another body')

    const continued = { ...JSON_HEADERS, 'idempotency-key': `twirp-continue-${Date.now()}` }
    const payload = { conversation_id: first.json().conversation_id, message: 'and in Perth?' }
    const once = await app.inject(call('ContinueConversation', payload, continued))
    const twice = await app.inject(call('ContinueConversation', payload, continued))
    t.equal(twice.body, once.body)
    const described = (await app.inject(call('DescribeConversation', { conversation_id: payload.conversation_id }))).json()
    t.equal(described.conversation.messages.length, 4, 'the retried message is stored once')
    const badKey = await app.inject(call('StartConversation', { message: 'hi' }, { ...JSON_HEADERS, 'idempotency-key': 'has spaces in it' }))
    t.equal(badKey.statusCode, 400)
    t.same(badKey.json().meta, { argument: 'Idempotency-Key' })
  })

  await t.test('an assistant outage is unavailable 503 with Retry-After; the message stays stored', async (t) => {
    provider.down = true
    t.teardown(() => { provider.down = false })
    const res = await app.inject(call('StartConversation', { message: 'time in Cairo' }))
    t.equal(res.statusCode, 503)
    t.ok(Number(res.headers['retry-after']) > 0)
    const body = res.json()
    t.equal(body.code, 'unavailable')
    t.equal(body.msg, 'The assistant is temporarily unavailable')
    t.match(body.meta.conversation_id, OBJECT_ID)
    provider.down = false
    const described = (await app.inject(call('DescribeConversation', { conversation_id: body.meta.conversation_id }))).json()
    t.same(described.conversation.messages.map((m: { role: string, content: string }) => [m.role, m.content]), [['USER', 'time in Cairo']])
  })
})
