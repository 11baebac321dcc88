import { test } from 'tap'
import { createOfflineProvider, DEFAULT_SYSTEM_PROMPT, type Provider } from '../../../lib/assistant/index.js'
import { build } from '../../helper.js'
import { auth, createKey, post } from './chat-fixtures.js'

// A provider that remembers the system prompt of every call and answers offline.
function promptRecorder (): Provider & { prompts: string[] } {
  const inner = createOfflineProvider()
  const prompts: string[] = []
  return {
    name: 'prompt-recorder',
    prompts,
    async * stream (request) {
      const system = request.messages.find((m) => m.role === 'system')
      if (system !== undefined) prompts.push(system.content)
      yield * inner.stream(request)
    }
  }
}

test('a conversation uses the active system prompt of its platform, and the built-in one otherwise', async (t) => {
  const provider = promptRecorder()
  const app = await build(t, {}, { app: { assistant: { provider } } })
  const prompts = app.db.collection('prompts')
  await prompts.insertMany([
    { platform: 'telegram', version: 1, text: 'You are the Telegram assistant, v1.', active: true },
    { platform: 'telegram', version: 2, text: 'You are the Telegram assistant, v2.', active: true },
    { platform: 'telegram', version: 3, text: 'A draft that is not live yet.', active: false }
  ])

  const telegram = await app.inject(post('/v1/conversations', { message: 'hello', metadata: { platform: 'telegram' } }, auth))
  t.equal(telegram.statusCode, 201)
  t.ok(provider.prompts.at(-1)?.startsWith('You are the Telegram assistant, v2.'), 'the highest active version wins')

  const web = await app.inject(post('/v1/conversations', { message: 'hello', metadata: { platform: 'web' } }, auth))
  t.equal(web.statusCode, 201)
  t.ok(provider.prompts.at(-1)?.startsWith(DEFAULT_SYSTEM_PROMPT), 'no prompt stored: the built-in fallback')
})

test('admin prompt routes: list, publish a new active version, used by the next reply', async (t) => {
  const provider = promptRecorder()
  const app = await build(t, {}, { app: { assistant: { provider } } })
  const listed = await app.inject({ method: 'GET', url: '/v1/admin/prompts', headers: auth })
  t.equal(listed.statusCode, 200)
  t.match(listed.json().items, [{ platform: 'default', version: 1, text: DEFAULT_SYSTEM_PROMPT, active: true }], 'the migration seeded the default prompt')

  // Cached before the change: the publish must still reach the next reply.
  await app.inject(post('/v1/conversations', { message: 'hello', metadata: { platform: 'slack' } }, auth))
  const put = await app.inject({ method: 'PUT', url: '/v1/admin/prompts/slack', headers: auth, payload: { text: '  You are the Slack assistant.  ' } })
  t.equal(put.statusCode, 200, put.body)
  t.match(put.json(), { platform: 'slack', version: 1, text: 'You are the Slack assistant.', active: true })
  await app.inject(post('/v1/conversations', { message: 'hello', metadata: { platform: 'slack' } }, auth))
  t.ok(provider.prompts.at(-1)?.startsWith('You are the Slack assistant.'), 'the next reply uses the new prompt')

  const second = await app.inject({ method: 'PUT', url: '/v1/admin/prompts/slack', headers: auth, payload: { text: 'Slack, version two.' } })
  t.equal(second.json().version, 2)
  const slack = await app.inject({ method: 'GET', url: '/v1/admin/prompts?platform=slack', headers: auth })
  t.match(slack.json().items, [{ version: 2, active: true }, { version: 1, active: false }], 'one active version, the newest')

  // The default applies to every platform without its own prompt.
  await app.inject({ method: 'PUT', url: '/v1/admin/prompts/default', headers: auth, payload: { text: 'The new default.' } })
  await app.inject(post('/v1/conversations', { message: 'hello', metadata: { platform: 'discord' } }, auth))
  t.ok(provider.prompts.at(-1)?.startsWith('The new default.'))

  const blank = await app.inject({ method: 'PUT', url: '/v1/admin/prompts/slack', headers: auth, payload: { text: '   ' } })
  t.equal(blank.statusCode, 400)
  const badPlatform = await app.inject({ method: 'PUT', url: '/v1/admin/prompts/Bad%20Name', headers: auth, payload: { text: 'x' } })
  t.equal(badPlatform.statusCode, 400)
  const chatOnly = await createKey(app, ['chat'])
  const forbidden = await app.inject({ method: 'GET', url: '/v1/admin/prompts', headers: chatOnly })
  t.equal(forbidden.statusCode, 403)
})
