import { test } from 'tap'
import { build } from '../../helper.js'
import { auth, countingProvider, createKey, parseSse, post, startConversation, type TurnBody } from './chat-fixtures.js'

const withKey = (key: string, headers: Record<string, string> = auth): Record<string, string> => ({ ...headers, 'idempotency-key': key })

test('Idempotency-Key on POST', async (t) => {
  const provider = countingProvider()
  const app = await build(t, {}, { app: { assistant: { provider } } })

  await t.test('a retry returns the stored response with the same status and does not run the assistant again', async (t) => {
    const first = await app.inject(post('/v1/conversations', { message: 'what time is it in Tokyo?' }, withKey('create-1')))
    t.equal(first.statusCode, 201)
    t.notOk(first.headers['idempotent-replayed'])
    const calls = provider.replies
    const retry = await app.inject(post('/v1/conversations', { message: 'what time is it in Tokyo?' }, withKey('create-1')))
    t.equal(retry.statusCode, 201)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.same(retry.json(), first.json(), 'the very same conversation and messages')
    t.equal(provider.replies, calls, 'the assistant did not run again')
    const list = (await app.inject({ method: 'GET', url: '/v1/conversations?limit=100', headers: auth })).json()
    t.equal(list.items.filter((c: { id: string }) => c.id === first.json().conversation.id).length, 1)
    t.equal(list.items.length, 1, 'no second conversation')
  })

  await t.test('the same key with a different body, or on another route, is 422', async (t) => {
    const first = await app.inject(post('/v1/conversations', { message: 'hello' }, withKey('create-2')))
    t.equal(first.statusCode, 201)
    const other = await app.inject(post('/v1/conversations', { message: 'hello!' }, withKey('create-2')))
    t.equal(other.statusCode, 422)
    t.match(other.json(), { statusCode: 422, code: 'UNPROCESSABLE', error: 'Unprocessable Entity' })
    const elsewhere = await app.inject(post(`/v1/conversations/${first.json().conversation.id as string}/messages`, { message: 'hello' }, withKey('create-2')))
    t.equal(elsewhere.statusCode, 422)
    const trimmedSame = await app.inject(post('/v1/conversations', { message: '  hello ' }, withKey('create-2')))
    t.equal(trimmedSame.statusCode, 201, 'the body is compared after trimming')
  })

  await t.test('concurrent requests with one key run the assistant once and all get the same response', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const before = provider.replies
    const responses = await Promise.all(Array.from({ length: 6 }, () =>
      app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'holidays in France' }, withKey('burst-1')))))
    t.same(responses.map((r) => r.statusCode), Array(6).fill(201))
    t.equal(provider.replies - before, 1, 'one assistant run')
    const bodies = new Set(responses.map((r) => r.body))
    t.equal(bodies.size, 1, 'one response for all')
    t.equal(responses.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 5)
    const got = (await app.inject({ method: 'GET', url: `/v1/conversations/${conversation.id}`, headers: auth })).json()
    t.equal(got.conversation.messageCount, 4, 'one user message and one reply were added')
  })

  await t.test('a retry after a failure answers the stored message instead of posting it again', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    provider.down = true
    t.teardown(() => { provider.down = false })
    const failed = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'time in Paris' }, withKey('retry-1')))
    t.equal(failed.statusCode, 503)
    provider.down = false
    const retried = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'time in Paris' }, withKey('retry-1')))
    t.equal(retried.statusCode, 201)
    const body: TurnBody = retried.json()
    t.match(body.reply.content, /Paris/)
    t.equal(body.conversation.messageCount, 4, 'the user message was not stored twice')
    const again = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'time in Paris' }, withKey('retry-1')))
    t.same(again.json(), body)
  })

  await t.test('a retry of a failed first message resumes its conversation', async (t) => {
    provider.down = true
    t.teardown(() => { provider.down = false })
    const failed = await app.inject(post('/v1/conversations', { message: 'time in Rome' }, withKey('create-fail')))
    t.equal(failed.statusCode, 503)
    provider.down = false
    const retried = await app.inject(post('/v1/conversations', { message: 'time in Rome' }, withKey('create-fail')))
    t.equal(retried.statusCode, 201)
    t.equal(`/v1/conversations/${retried.json().conversation.id as string}`, failed.headers.location)
    t.equal(retried.json().conversation.messageCount, 2)
  })

  await t.test('keys are per API key: another key may use the same key string', async (t) => {
    const other = await createKey(app, ['chat'])
    const mine = await app.inject(post('/v1/conversations', { message: 'hello' }, withKey('shared-key')))
    const theirs = await app.inject(post('/v1/conversations', { message: 'hello' }, withKey('shared-key', other)))
    t.equal(mine.statusCode, 201)
    t.equal(theirs.statusCode, 201)
    t.notOk(theirs.headers['idempotent-replayed'])
    t.not(theirs.json().conversation.id, mine.json().conversation.id)
  })

  await t.test('a streaming retry replays the stored turn as the done event', async (t) => {
    const { conversation } = await startConversation(app, 'hello')
    const sse = { accept: 'text/event-stream' }
    const first = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'time in Cairo' }, withKey('sse-1', { ...auth, ...sse })))
    const calls = provider.replies
    const retry = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'time in Cairo' }, withKey('sse-1', { ...auth, ...sse })))
    t.equal(provider.replies, calls)
    const firstDone = parseSse(first.body).at(-1)
    const retryEvents = parseSse(retry.body)
    t.same(retryEvents.map((e) => e.event), ['done'])
    t.same(retryEvents[0], firstDone)
    const json = await app.inject(post(`/v1/conversations/${conversation.id}/messages`, { message: 'time in Cairo' }, withKey('sse-1')))
    t.equal(json.statusCode, 201, 'the stored status of a JSON replay')
    t.same(json.json(), firstDone?.data)
  })

  await t.test('POST .../reply and sessions honour the key too; an invalid key header is 400', async (t) => {
    const session = { platform: 'telegram', chatId: 'idem-1', message: 'hola' }
    const a = await app.inject(post('/v1/sessions/messages', session, withKey('session-1')))
    const b = await app.inject(post('/v1/sessions/messages', session, withKey('session-1')))
    t.equal(a.statusCode, 201)
    t.same(b.json(), a.json())
    t.equal(b.headers['idempotent-replayed'], 'true')
    const tooLong = await app.inject(post('/v1/conversations', { message: 'hello' }, withKey('k'.repeat(256))))
    t.equal(tooLong.statusCode, 400)
    const spaces = await app.inject(post('/v1/conversations', { message: 'hello' }, withKey('has spaces')))
    t.equal(spaces.statusCode, 400)
  })
})
