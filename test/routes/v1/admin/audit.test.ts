import { test } from 'tap'
import { build, captureLogs, TEST_API_KEY } from '../../../helper.js'
import { auth, createKey, post } from '../chat-fixtures.js'

const logs = captureLogs()

test('each audited action writes one entry with actor, target, ip, request id and outcome; GET /v1/admin/audit pages and filters them', async (t) => {
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: logs.stream })
  const admin = await app.apiKeys.list().then((keys) => keys.find((k) => k.name === 'bootstrap'))
  const actor = { type: 'key', keyId: admin?.id, name: 'bootstrap' }
  const secretMessage = 'my very private message 4711'

  const conversation = await app.inject(post('/v1/conversations', { message: secretMessage }, auth))
  t.equal(conversation.statusCode, 201)
  const conversationId = String(conversation.json().conversation.id)
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/conversations/${conversationId}`, headers: { ...auth, 'x-request-id': 'req-del' } })).statusCode, 204)
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/conversations/${conversationId}`, headers: auth })).statusCode, 404)
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/sessions/telegram/chat-9', headers: { ...auth, 'x-request-id': 'req-reset' } })).statusCode, 204)
  t.equal((await app.inject({ method: 'PUT', url: '/v1/admin/prompts/slack', headers: { ...auth, 'x-request-id': 'req-prompt' }, payload: { text: 'You are the Slack assistant.' } })).statusCode, 200)
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/v1/conversations', headers: { 'x-api-key': 'acai_WRONGwrongWRONGwrong' } })
  await app.inject({ method: 'GET', url: '/v1/conversations' })
  await app.audit.drain()

  const get = async (query: string) => {
    const res = await app.inject({ method: 'GET', url: `/v1/admin/audit${query}`, headers: auth })
    t.equal(res.statusCode, 200, query)
    return res.json() as { items: Array<Record<string, unknown>>, next: number | null }
  }
  const all = await get('')
  t.same(all.items.map((e) => e.action).sort(), ['auth.failures', 'auth.failures', 'conversation.deleted', 'prompt.published', 'session.reset'], 'one entry per action; the failed delete wrote none')
  const byAction = Object.fromEntries(all.items.map((e) => [`${String(e.action)}:${String(e.target)}`, e]))
  t.match(byAction[`conversation.deleted:conversation:${conversationId}`], { actor, ip: '127.0.0.1', requestId: 'req-del', outcome: 'success', time: /^\d{4}-\d\d-\d\dT/ })
  t.match(byAction['session.reset:session:telegram/chat-9'], { actor, requestId: 'req-reset', outcome: 'success' })
  t.match(byAction['prompt.published:prompt:slack@1'], { actor, requestId: 'req-prompt' })
  t.match(byAction['auth.failures:key-prefix:acai_WRO'], { actor: { type: 'anonymous' }, ip: '127.0.0.1', requestId: null, outcome: 'failure', count: 3 }, 'three guesses, one entry')
  t.match(byAction['auth.failures:key-prefix:(none)'], { count: 1 })

  t.same((await get('?action=session.reset')).items.map((e) => e.target), ['session:telegram/chat-9'])
  t.same((await get(`?actor=${String(admin?.id)}`)).items.length, 3)
  t.same((await get('?actor=anonymous')).items.length, 2)
  t.same((await get('?since=2999-01-01T00:00:00Z')).items, [])
  t.equal((await get('?until=2000-01-01T00:00:00Z')).items.length, 0)
  const page = await get('?limit=2')
  t.equal(page.items.length, 2)
  t.type(page.next, 'number')
  const rest = await get(`?limit=10&before=${String(page.next)}`)
  t.equal(rest.items.length, 3)
  t.equal(rest.next, null)
  t.equal((await app.inject({ method: 'GET', url: '/v1/admin/audit?action=nope', headers: auth })).statusCode, 400)

  const chatOnly = await createKey(app, ['chat'])
  t.equal((await app.inject({ method: 'GET', url: '/v1/admin/audit', headers: chatOnly })).statusCode, 403, 'a chat key may not read the audit log')

  t.match(await app.audit.log.verify(), { ok: true, entries: 5 })
  const stored = JSON.stringify(await app.db.collection('audit_log').find({}).toArray())
  t.notOk(stored.includes(secretMessage), 'no message content in the log')
  t.notOk(stored.includes(TEST_API_KEY) || stored.includes('acai_WRONGwrongWRONGwrong'), 'no key in the log')
  t.notOk(logs.raw().includes(TEST_API_KEY), 'no key in any log line')
})

test('a failed append is logged with what it would have recorded, and the request still succeeds', async (t) => {
  const app = await build(t, { LOG_LEVEL: 'error' }, { logStream: logs.stream })
  await app.db.collection('audit_log').insertOne({ _id: 1 as never, hash: 'x' })
  const original = app.audit.log.append
  app.audit.log.append = async () => { throw new Error('disk full') }
  t.teardown(() => { app.audit.log.append = original })
  const res = await app.inject({ method: 'DELETE', url: '/v1/sessions/telegram/chat-1', headers: auth })
  t.equal(res.statusCode, 204)
  const line = logs.lines().find((l) => l.msg === 'audit log entry could not be written')
  t.match(line, { audit: { action: 'session.reset', target: 'session:telegram/chat-1', outcome: 'success' } })
})
