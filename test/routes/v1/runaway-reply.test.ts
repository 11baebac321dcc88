// Regression (issue 12, found by test/reliability/slow/hostile-clients.test.ts): a model that never stops
// talking made POST /v1/conversations answer 500 (the 130 MB reply failed to serialize as a MongoDB
// document). The engine now stops the model at maxReplyChars, so the reply is cut and stored.
import { test } from 'tap'
import type { Provider } from '../../../lib/assistant/provider.js'
import { build } from '../../helper.js'
import { auth, post, type TurnBody } from './chat-fixtures.js'

test('a runaway model reply is cut at the reply limit and stored, never a 500', async (t) => {
  let chunks = 0
  const runaway: Provider = {
    name: 'runaway',
    async * stream (request) {
      const chunk = 'blah '.repeat(13_000)
      for (let i = 0; i < 2000 && !request.signal.aborted; i++) { chunks++; yield { type: 'text', text: chunk } }
      yield { type: 'finish', reason: 'stop' }
    }
  }
  const app = await build(t, {}, { app: { assistant: { provider: runaway } } })
  const res = await app.inject(post('/v1/conversations', { message: 'talk forever' }))
  t.equal(res.statusCode, 201, res.body.slice(0, 200))
  const body: TurnBody = res.json()
  t.equal(body.reply.content.length, 32_000, 'cut at max(32,000, 8 × LLM_MAX_OUTPUT_TOKENS) characters')
  t.ok(chunks < 5, `the model was read only up to the cut (${chunks} chunks of 2,000)`)
  const stored = await app.inject({ method: 'GET', url: `/v1/conversations/${body.conversation.id}`, headers: auth })
  t.equal(stored.statusCode, 200)
  t.equal(stored.json().messages.at(-1).content.length, 32_000, 'the cut reply is what is stored')
})
