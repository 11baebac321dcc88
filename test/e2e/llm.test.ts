import { test } from 'tap'
import { TEST_API_KEY } from '../helper.js'
import { startProcess } from '../support/server-process.js'
import { answers, startFakeLlm } from '../support/fake-llm.js'

// The service as its own process, configured only by LLM_* variables, against the fake model on a real
// port: the configured model and base URL are what the model server sees, and a tool round trip works.
test('the server answers through an OpenAI-compatible model configured by LLM_BASE_URL and LLM_MODEL', async (t) => {
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  let turns = 0
  fake.responder = (body) => {
    if (body.stream !== true) return answers.text('Lisbon time')
    return ++turns === 1 ? answers.tools({ name: 'get_datetime', arguments: { location: 'Lisbon' } }) : answers.text('It is a fine day in Lisbon.')
  }
  const server = await startProcess(t, ['server.ts'], { LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'e2e-model', LLM_API_KEY: 'sk-e2e-0123456789' })
  t.teardown(() => server.signal('SIGTERM'))

  const res = await fetch(`http://127.0.0.1:${server.port}/v1/conversations`, {
    method: 'POST',
    headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'What time is it in Lisbon?' })
  })
  t.equal(res.status, 201)
  const body = await res.json() as { reply: { content: string, toolCalls?: unknown }, conversation: { title: string } }
  t.equal(body.reply.content, 'It is a fine day in Lisbon.')
  t.same(body.reply.toolCalls, [{ name: 'get_datetime', ok: true }])
  t.equal(body.conversation.title, 'Lisbon time')
  const streamed = fake.calls.filter((call) => call.body.stream === true)
  t.equal(streamed.length, 2, 'the tool round and the answer')
  t.ok(fake.calls.every((call) => call.body.model === 'e2e-model' && call.path === '/v1/chat/completions'))
  t.equal(fake.calls[0]?.headers.authorization, 'Bearer sk-e2e-0123456789')
  t.match(server.logs(), /"provider":"openai","model":"e2e-model"/, 'the start-up log names the provider and model')
  t.notMatch(server.logs(), 'sk-e2e-0123456789', 'the key never reaches the log')
})
