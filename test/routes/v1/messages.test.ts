import { test } from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helper.js'
import { auth, countingProvider, parseSse, post, startConversation, type TurnBody } from './chat-fixtures.js'

test('messages, streaming and the missing reply', async (t) => {
  const provider = countingProvider()
  const app = await build(t, {}, { app: { assistant: { provider } } })
  const db = app.db

  await t.test('POST .../messages answers 201 with the stored user message and reply', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const res = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: '¿qué hora es en Madrid?' }))
    t.equal(res.statusCode, 201)
    const body: TurnBody = res.json()
    t.equal(body.message.content, '¿qué hora es en Madrid?')
    t.match(body.reply.content, /Madrid/)
    t.same(body.reply.toolCalls, [{ name: 'get_datetime', ok: true }])
    t.equal(body.conversation.messageCount, 4)
    t.equal(body.conversation.title, conversation.title, 'the title is kept')
    const blank = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: ' ' }))
    t.equal(blank.statusCode, 400)
  })

  await t.test('SSE delivers deltas, a tool event, then done with what GET returns', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const res = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'public holidays in Catalonia in December' }, { ...auth, accept: 'text/event-stream' }))
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/event-stream/)
    const events = parseSse(res.body)
    const names = events.map((e) => e.event)
    t.equal(names.at(-1), 'done', 'done comes last')
    t.ok(names.includes('tool'))
    t.ok(names.filter((n) => n === 'delta').length >= 2, 'the reply arrives in several deltas')
    t.same(events.find((e) => e.event === 'tool')?.data, { name: 'get_holidays', ok: true })
    const done = events.at(-1)?.data as TurnBody
    const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join('')
    t.equal(done.reply.content, deltas, 'done.reply is the concatenation of the deltas')
    const got = (await app.inject({ method: 'GET', url: `/v1/conversations/${conversation.id}`, headers: auth })).json()
    t.same(got.messages.at(-1), done.reply, 'the streamed message is the stored one')
    t.same(got.messages.at(-2), done.message)
    t.same(got.conversation, done.conversation)
  })

  await t.test('SSE on an unknown conversation is a plain 404 error', async (t) => {
    const res = await app.inject(post(`/v1/conversations/${new ObjectId().toHexString()}/messages`, { message: 'hi' }, { ...auth, accept: 'text/event-stream' }))
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'NOT_FOUND')
  })

  await t.test('20 concurrent posts to one conversation keep every message with distinct gap-free seq', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: `message number ${i}` }))))
    t.same(results.map((r) => r.statusCode), Array(20).fill(201))
    const docs = await db.collection('messages').find({ conversationId: ObjectId.createFromHexString(conversation.id) }).sort({ seq: 1 }).toArray()
    t.equal(docs.length, 42)
    t.same(docs.map((d) => d.seq), Array.from({ length: 42 }, (_, i) => i + 1), 'seq 1..42 without gaps or duplicates')
    t.equal(docs.filter((d) => d.role === 'user').length, 21)
    t.equal(docs.filter((d) => d.role === 'assistant').length, 21)
    const contents = new Set(docs.filter((d) => d.role === 'user').map((d) => d.content))
    for (let i = 0; i < 20; i++) t.ok(contents.has(`message number ${i}`))
    const replied = new Set(docs.filter((d) => d.role === 'assistant').map((d) => d.inReplyTo))
    t.equal(replied.size, 21, 'every user message has exactly one reply')
    const got = (await app.inject({ method: 'GET', url: `/v1/conversations/${conversation.id}?messagesLimit=100`, headers: auth })).json()
    t.equal(got.conversation.messageCount, 42)
  })

  await t.test('assistant down: 503 with Retry-After, the message is stored, then POST .../reply answers it', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    provider.down = true
    t.teardown(() => { provider.down = false })
    const res = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'what time is it in Lima?' }))
    t.equal(res.statusCode, 503)
    t.ok(Number(res.headers['retry-after']) > 0, 'Retry-After')
    t.match(res.json(), { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable' })
    const stored = (await app.inject({ method: 'GET', url: `/v1/conversations/${conversation.id}`, headers: auth })).json()
    t.equal(stored.messages.at(-1).content, 'what time is it in Lima?', 'the user message stays stored')
    t.equal(stored.messages.length, 3)

    const stillDown = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
    t.equal(stillDown.statusCode, 503)

    provider.down = false
    const reply = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
    t.equal(reply.statusCode, 201)
    const body: TurnBody = reply.json()
    t.equal(body.message.content, 'what time is it in Lima?')
    t.match(body.reply.content, /Lima/)
    t.equal(body.conversation.messageCount, 4)

    const again = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
    t.equal(again.statusCode, 409, 'nothing pending any more')
    t.equal(again.json().code, 'CONFLICT')
  })

  await t.test('assistant down on the first message: the 503 tells where the conversation is', async (t) => {
    provider.down = true
    t.teardown(() => { provider.down = false })
    const res = await app.inject(post('/v1/conversations', { message: 'what time is it in Oslo?' }))
    t.equal(res.statusCode, 503)
    const location = String(res.headers.location)
    t.match(location, /^\/v1\/conversations\/[0-9a-f]{24}$/)
    provider.down = false
    const got = (await app.inject({ method: 'GET', url: location, headers: auth })).json()
    t.equal(got.conversation.title, 'Time in Oslo', 'titled in parallel even though the reply failed')
    t.same(got.messages.map((m: { role: string }) => m.role), ['user'])
    const reply = await app.inject(post(`${location}/reply`, undefined))
    t.equal(reply.statusCode, 201)
    t.match(reply.json().reply.content, /Oslo/)
  })

  await t.test('SSE: a failure after the stream began ends it with an error event', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    provider.breakMidway = true
    t.teardown(() => { provider.breakMidway = false })
    const res = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'hello again' }, { ...auth, accept: 'text/event-stream' }))
    t.equal(res.statusCode, 200)
    const events = parseSse(res.body)
    t.same(events.map((e) => e.event), ['delta', 'error'])
    t.match(events[1]?.data, { statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'Service Unavailable' })
    provider.breakMidway = false
    const reply = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
    t.equal(reply.statusCode, 201, 'the stored message can still be answered')
    t.equal(reply.json().message.content, 'hello again')
  })

  await t.test('POST .../reply with nothing pending is 409', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const res = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
    t.equal(res.statusCode, 409)
    t.match(res.json(), { statusCode: 409, code: 'CONFLICT', error: 'Conflict', message: /no message waiting/ })
  })
})
