import { test } from 'tap'
import { createOfflineProvider, DEFAULT_SYSTEM_PROMPT, type Provider } from '../../../lib/assistant/index.js'
import { build } from '../../helper.js'
import { auth, post } from './chat-fixtures.js'

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
