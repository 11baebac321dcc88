import { test } from 'tap'
import { build } from '../../helper.js'
import { auth, createKey, post, type TurnBody } from './chat-fixtures.js'

const TTL_SECONDS = 60

function fakeClock (): { now: () => Date, advance: (seconds: number) => void } {
  let at = Date.now()
  return { now: () => new Date(at), advance: (seconds) => { at += seconds * 1000 } }
}

const say = (chatId: string, message: string, extra: Record<string, string> = {}) =>
  post('/v1/sessions/messages', { platform: 'telegram', chatId, message, ...extra })

test('sessions', async (t) => {
  const clock = fakeClock()
  const app = await build(t, { SESSION_TTL_SECONDS: String(TTL_SECONDS) }, { app: { chat: { now: clock.now } } })

  await t.test('the first message starts a conversation with the session metadata; the next continues it', async (t) => {
    const first = await app.inject(say('chat-1', 'hola', { userId: 'u-7' }))
    t.equal(first.statusCode, 201)
    const one: TurnBody = first.json()
    t.equal(one.started, true)
    t.same(one.conversation.metadata, { platform: 'telegram', chatId: 'chat-1', userId: 'u-7' })
    t.match(one.reply.content, /.+/)
    const second: TurnBody = (await app.inject(say('chat-1', '¿qué hora es en Madrid?'))).json()
    t.equal(second.started, false)
    t.equal(second.conversation.id, one.conversation.id)
    t.equal(second.conversation.messageCount, 4)
    t.match(second.reply.content, /Madrid/)
  })

  await t.test('chats, platforms and keys each have their own session', async (t) => {
    const a: TurnBody = (await app.inject(say('chat-2', 'hello'))).json()
    const b: TurnBody = (await app.inject(say('chat-3', 'hello'))).json()
    const c: TurnBody = (await app.inject(post('/v1/sessions/messages', { platform: 'slack', chatId: 'chat-2', message: 'hello' }))).json()
    const other = await createKey(app, ['chat'])
    const d: TurnBody = (await app.inject(post('/v1/sessions/messages', { platform: 'telegram', chatId: 'chat-2', message: 'hello' }, other))).json()
    t.equal(new Set([a, b, c, d].map((turn) => turn.conversation.id)).size, 4)
    const list = (await app.inject({ method: 'GET', url: '/v1/conversations', headers: other })).json()
    t.same(list.items.map((item: { id: string }) => item.id), [d.conversation.id])
  })

  await t.test('the session slides with activity and expires after SESSION_TTL of silence', async (t) => {
    const start: TurnBody = (await app.inject(say('chat-4', 'hello'))).json()
    clock.advance(TTL_SECONDS * 0.7)
    const within: TurnBody = (await app.inject(say('chat-4', 'still here'))).json()
    clock.advance(TTL_SECONDS * 0.7)
    const slid: TurnBody = (await app.inject(say('chat-4', 'and now?'))).json()
    t.equal(within.conversation.id, start.conversation.id)
    t.equal(slid.conversation.id, start.conversation.id, '1.4 TTL after the start, but within TTL of the last message')
    clock.advance(TTL_SECONDS + 1)
    const expired: TurnBody = (await app.inject(say('chat-4', 'back again'))).json()
    t.equal(expired.started, true)
    t.not(expired.conversation.id, start.conversation.id)
    const old = (await app.inject({ method: 'GET', url: `/v1/conversations/${start.conversation.id}`, headers: auth })).json()
    t.equal(old.conversation.messageCount, 6, 'the expired conversation is kept')
  })

  await t.test('DELETE resets the session; it is 204 even when there is none', async (t) => {
    const before: TurnBody = (await app.inject(say('chat-5', 'hello'))).json()
    const reset = await app.inject({ method: 'DELETE', url: '/v1/sessions/telegram/chat-5', headers: auth })
    t.equal(reset.statusCode, 204)
    const after: TurnBody = (await app.inject(say('chat-5', 'hello'))).json()
    t.equal(after.started, true)
    t.not(after.conversation.id, before.conversation.id)
    t.equal((await app.inject({ method: 'DELETE', url: '/v1/sessions/telegram/never-seen', headers: auth })).statusCode, 204)
    t.equal((await app.inject({ method: 'DELETE', url: '/v1/sessions/Tele%20gram/chat-5', headers: auth })).statusCode, 400)
    t.equal((await app.inject({ method: 'DELETE', url: '/v1/sessions/telegram/chat-5' })).statusCode, 401)
  })

  await t.test('deleting the session conversation makes the next message start a new one', async (t) => {
    const before: TurnBody = (await app.inject(say('chat-6', 'hello'))).json()
    await app.inject({ method: 'DELETE', url: `/v1/conversations/${before.conversation.id}`, headers: auth })
    const after: TurnBody = (await app.inject(say('chat-6', 'hello'))).json()
    t.equal(after.started, true)
    t.not(after.conversation.id, before.conversation.id)
  })

  await t.test('concurrent first messages of one chat share one conversation', async (t) => {
    const turns = await Promise.all(Array.from({ length: 5 }, (_, i) => app.inject(say('chat-7', `message ${i}`))))
    t.same(turns.map((r) => r.statusCode), Array(5).fill(201))
    const ids = new Set(turns.map((r) => r.json().conversation.id))
    t.equal(ids.size, 1)
    t.equal(turns.filter((r) => r.json().started === true).length, 1, 'one of them started it')
    const [id] = [...ids]
    const got = (await app.inject({ method: 'GET', url: `/v1/conversations/${String(id)}`, headers: auth })).json()
    t.equal(got.conversation.messageCount, 10)
    const list = (await app.inject({ method: 'GET', url: '/v1/conversations?limit=100', headers: auth })).json()
    t.equal(list.items.filter((c: { metadata: { chatId?: string } }) => c.metadata.chatId === 'chat-7').length, 1, 'no orphan conversation left')
  })

  await t.test('invalid session input is 400', async (t) => {
    const cases = [
      { platform: 'telegram', chatId: 'x', message: '  ' },
      { platform: 'Telegram!', chatId: 'x', message: 'hi' },
      { platform: 'telegram', chatId: '', message: 'hi' },
      { platform: 'telegram', message: 'hi' },
      { platform: 'telegram', chatId: 'x', message: 'hi', extra: true }
    ]
    for (const payload of cases) t.equal((await app.inject(post('/v1/sessions/messages', payload))).statusCode, 400, JSON.stringify(payload))
  })
})

test('sessions with Redis as the fast path', async (t) => {
  const app = await build(t, { REDIS_URL: 'redis://127.0.0.1:6379/7' })
  t.equal(app.kv.mode, 'redis')
  const first: TurnBody = (await app.inject(say('redis-chat', 'hello'))).json()
  const principal = await app.apiKeys.verify(auth['x-api-key'])
  const key = `session:telegram:redis-chat:${principal?.keyId ?? ''}`
  t.equal(await app.kv.get(key), first.conversation.id, 'cached in Redis')
  const second: TurnBody = (await app.inject(say('redis-chat', 'again'))).json()
  t.equal(second.conversation.id, first.conversation.id)

  // A stale cache entry never wins over MongoDB.
  await app.kv.set(key, '665f1c2ab4e1f2a3b4c5d6e7', 60_000)
  const third: TurnBody = (await app.inject(say('redis-chat', 'third'))).json()
  t.equal(third.conversation.id, first.conversation.id)
  t.equal(await app.kv.get(key), first.conversation.id, 'repaired')

  await app.inject({ method: 'DELETE', url: '/v1/sessions/telegram/redis-chat', headers: auth })
  t.equal(await app.kv.get(key), undefined, 'the reset clears the cache')
  const fresh: TurnBody = (await app.inject(say('redis-chat', 'new'))).json()
  t.equal(fresh.started, true)
  await app.kv.del(key)
})

test('sessions keep working with Redis down', async (t) => {
  const app = await build(t, { REDIS_URL: 'redis://127.0.0.1:1', REDIS_STARTUP_WAIT_MS: '0' })
  const first = await app.inject(say('down-chat', 'hello'))
  t.equal(first.statusCode, 201)
  const second = await app.inject(say('down-chat', 'again'))
  t.equal(second.statusCode, 201)
  t.equal(second.json().conversation.id, first.json().conversation.id)
  t.equal(second.json().started, false)
})
