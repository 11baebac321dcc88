import { test } from 'tap'
import { build } from '../../helper.js'
import { auth, createKey, post, startConversation, type TurnBody } from './chat-fixtures.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

test('conversations API', async (t) => {
  const app = await build(t)

  await t.test('POST /v1/conversations stores the message, replies with a tool and titles the conversation', async (t) => {
    const res = await app.inject(post('/v1/conversations', { message: "  what's the time in Tokyo?  ", metadata: { platform: 'web', userId: 'u-1' } }))
    t.equal(res.statusCode, 201)
    const body: TurnBody = res.json()
    t.match(body.conversation, { id: /^[0-9a-f]{24}$/, title: 'Time in Tokyo', messageCount: 2, metadata: { platform: 'web', userId: 'u-1' } })
    t.match(body.conversation.createdAt, ISO)
    t.same(body.message.content, "what's the time in Tokyo?", 'stored trimmed')
    t.equal(body.message.role, 'user')
    t.equal(body.reply.role, 'assistant')
    t.match(body.reply.content, /Tokyo/)
    t.same(body.reply.toolCalls, [{ name: 'get_datetime', ok: true }])
    t.notOk('ownerId' in body.conversation, 'internals never leak')
  })

  await t.test('POST /v1/conversations rejects invalid input with the one error shape', async (t) => {
    const cases: Array<[string, unknown]> = [
      ['blank message', { message: '   \n\t ' }],
      ['empty message', { message: '' }],
      ['missing message', {}],
      ['unknown field', { message: 'hi', extra: 1 }],
      ['unknown metadata field', { message: 'hi', metadata: { color: 'red' } }],
      ['too long message', { message: 'x'.repeat(4001) }],
      ['object message', { message: { text: 'hi' } }]
    ]
    for (const [name, payload] of cases) {
      const res = await app.inject(post('/v1/conversations', JSON.stringify(payload), { ...auth, 'content-type': 'application/json' }))
      t.equal(res.statusCode, 400, name)
      t.match(res.json(), { statusCode: 400, code: String, error: 'Bad Request', message: String }, name)
    }
    const exact = await app.inject(post('/v1/conversations', { message: ` ${'y'.repeat(4000)} ` }))
    t.equal(exact.statusCode, 201, '4000 characters after trimming is allowed')
  })

  await t.test('every /v1 route needs a key with the chat scope', async (t) => {
    const noKey = await app.inject({ method: 'GET', url: '/v1/conversations' })
    t.equal(noKey.statusCode, 401)
    t.equal(noKey.json().code, 'UNAUTHORIZED')
    const wrongKey = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { 'x-api-key': 'not-a-real-key-000000000' }, payload: { message: 'hi' } })
    t.equal(wrongKey.statusCode, 401)
    const metricsOnly = await createKey(app, ['metrics'])
    const forbidden = await app.inject({ method: 'GET', url: '/v1/conversations', headers: metricsOnly })
    t.equal(forbidden.statusCode, 403)
    t.equal(forbidden.json().code, 'FORBIDDEN')
  })

  await t.test('GET /v1/conversations/:id pages messages oldest first with before', async (t) => {
    const first = await startConversation(app, 'hello')
    const id = first.conversation.id
    for (const message of ['help', 'what time is it in Madrid?']) {
      t.equal((await app.inject(post(`/v1/conversations/${id}/messages`, { message }))).statusCode, 201)
    }
    const all = await app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: auth })
    t.equal(all.statusCode, 200)
    t.equal(all.json().messages.length, 6)
    t.equal(all.json().conversation.messageCount, 6)
    t.equal(all.json().nextBefore, null)
    t.same(all.json().messages.map((m: { role: string }) => m.role), ['user', 'assistant', 'user', 'assistant', 'user', 'assistant'])

    const latest = (await app.inject({ method: 'GET', url: `/v1/conversations/${id}?messagesLimit=4`, headers: auth })).json()
    t.same(latest.messages.map((m: { content: string }) => m.content).filter((_: string, i: number) => i % 2 === 0), ['help', 'what time is it in Madrid?'])
    t.equal(latest.nextBefore, 3)
    const older = (await app.inject({ method: 'GET', url: `/v1/conversations/${id}?messagesLimit=4&before=${String(latest.nextBefore)}`, headers: auth })).json()
    t.same(older.messages.map((m: { id: string }) => m.id), [first.message.id, first.reply.id])
    t.equal(older.nextBefore, null)

    const bad = await app.inject({ method: 'GET', url: `/v1/conversations/${id}?messagesLimit=0`, headers: auth })
    t.equal(bad.statusCode, 400)
    const unknownQuery = await app.inject({ method: 'GET', url: `/v1/conversations/${id}?foo=1`, headers: auth })
    t.equal(unknownQuery.statusCode, 400)
  })

  await t.test('unknown and malformed ids are 404 on every id route', async (t) => {
    for (const id of ['665f1c2ab4e1f2a3b4c5d6e7', 'not-an-id', '665F1C2AB4E1F2A3B4C5D6E7']) {
      const requests = [
        { method: 'GET' as const, url: `/v1/conversations/${id}` },
        { method: 'PATCH' as const, url: `/v1/conversations/${id}`, payload: { title: 'x' } },
        { method: 'DELETE' as const, url: `/v1/conversations/${id}` },
        { method: 'POST' as const, url: `/v1/conversations/${id}/messages`, payload: { message: 'hi' } },
        { method: 'POST' as const, url: `/v1/conversations/${id}/reply` }
      ]
      for (const request of requests) {
        const res = await app.inject({ ...request, headers: auth })
        t.equal(res.statusCode, 404, `${request.method} ${request.url}`)
        t.same(res.json(), { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'Conversation not found' })
      }
    }
  })

  await t.test('PATCH renames; a blank or too long title is 400', async (t) => {
    const { conversation } = await startConversation(app, 'hello there')
    const res = await app.inject({ method: 'PATCH', url: `/v1/conversations/${conversation.id}`, headers: auth, payload: { title: '  Trip to Tokyo 🗼 ' } })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { id: conversation.id, title: 'Trip to Tokyo 🗼', messageCount: 2 })
    const got = await app.inject({ method: 'GET', url: `/v1/conversations/${conversation.id}`, headers: auth })
    t.equal(got.json().conversation.title, 'Trip to Tokyo 🗼')
    for (const payload of [{ title: '   ' }, { title: 'x'.repeat(61) }, { title: 'ok', extra: true }, {}]) {
      t.equal((await app.inject({ method: 'PATCH', url: `/v1/conversations/${conversation.id}`, headers: auth, payload })).statusCode, 400)
    }
  })

  await t.test('DELETE removes the conversation and its messages', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const res = await app.inject({ method: 'DELETE', url: `/v1/conversations/${conversation.id}`, headers: auth })
    t.equal(res.statusCode, 204)
    t.equal(res.body, '')
    t.equal((await app.inject({ method: 'GET', url: `/v1/conversations/${conversation.id}`, headers: auth })).statusCode, 404)
    t.equal((await app.inject({ method: 'DELETE', url: `/v1/conversations/${conversation.id}`, headers: auth })).statusCode, 404)
    const db = app.db
    const { ObjectId } = await import('mongodb')
    t.equal(await db.collection('messages').countDocuments({ conversationId: ObjectId.createFromHexString(conversation.id) }), 0)
  })

  await t.test('another key sees 404 for the conversation and lists only its own', async (t) => {
    const mine = await startConversation(app, 'hello from key one')
    const other = await createKey(app, ['chat'])
    const theirs = await startConversation(app, 'hello from key two', other)
    const id = mine.conversation.id
    t.equal((await app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: other })).statusCode, 404)
    t.equal((await app.inject({ method: 'PATCH', url: `/v1/conversations/${id}`, headers: other, payload: { title: 'stolen' } })).statusCode, 404)
    t.equal((await app.inject(post(`/v1/conversations/${id}/messages`, { message: 'hi' }, other))).statusCode, 404)
    t.equal((await app.inject(post(`/v1/conversations/${id}/reply`, undefined, other))).statusCode, 404)
    t.equal((await app.inject({ method: 'DELETE', url: `/v1/conversations/${id}`, headers: other })).statusCode, 404)
    const list = (await app.inject({ method: 'GET', url: '/v1/conversations?limit=100', headers: other })).json()
    t.same(list.items.map((c: { id: string }) => c.id), [theirs.conversation.id])
    const still = await app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: auth })
    t.equal(still.json().conversation.title, mine.conversation.title, 'untouched by the other key')
  })

  await t.test('a Cyrillic or emoji first message gets a valid Unicode title of at most 60 graphemes', async (t) => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    const messages = [
      'Привет! Расскажи, пожалуйста, какая сейчас погода в Москве и что посмотреть в выходные с детьми',
      '👨‍👩‍👧‍👦🇪🇸🏳️‍🌈 '.repeat(30),
      'é'.normalize('NFD').repeat(80),
      `${'a'.repeat(59)}😀😀😀 trailing`
    ]
    for (const message of messages) {
      const { conversation } = await startConversation(app, message)
      t.notMatch(conversation.title, LONE_SURROGATE, `well-formed: ${conversation.title}`)
      t.ok(conversation.title.length > 0)
      t.ok([...segmenter.segment(conversation.title)].length <= 60, 'at most 60 graphemes')
      t.ok([...conversation.title].length <= 60, 'at most 60 code points')
    }
  })
})
