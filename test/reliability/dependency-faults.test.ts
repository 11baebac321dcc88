// The model and the weather provider failing under a server process on a real port (DESIGN.md 7.1, issue 12):
// the model down (connection refused, then the open circuit), slow (past LLM_TIMEOUT_MS, JSON and stream)
// and answering garbage; the weather provider down (503, connection reset) and hanging. A model failure
// stores the user's message and answers 503 with Retry-After (never 500), and POST .../reply produces the
// reply once the model is back; a weather failure makes the tool say the weather is unavailable and the
// reply carries that, never invented weather.
import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { TEST_API_KEY } from '../helper.js'
import { startProcess } from '../support/server-process.js'
import { answers, startFakeLlm, type ChatRequestBody, type FakeLlm } from '../support/fake-llm.js'
import { CURRENT_TEMPERATURE, fakeWeatherServer } from '../support/weather-upstream.js'
import { call, stream, type Answer } from '../support/fault-deps.js'
import { recordReliability } from '../support/reliability-report.js'

const SUITE = 'dependency-faults'
const auth = { 'x-api-key': TEST_API_KEY }
const HUNG_MS = 10_000
const LLM_TIMEOUT_MS = 1500
const HALF_OPEN_MS = 1500

/** The model's answer after a tool ran: the tool's own words, so the test reads what the tool reported. */
function echoTool (body: ChatRequestBody) {
  const tool = body.messages.findLast((m) => m.role === 'tool')
  return answers.text(tool === undefined ? 'Hello from the fake model.' : `The tool said: ${String(tool.content)}`)
}

test('model and weather failures degrade as DESIGN.md 7.1 says', async (t) => {
  let fake: FakeLlm = await startFakeLlm()
  t.teardown(() => fake.close())
  const modelPort = Number(new URL(fake.baseUrl).port)
  const weather = await fakeWeatherServer()
  t.teardown(() => weather.close())
  const server = await startProcess(t, ['server.ts'], {
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'sk-reliability',
    LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
    LLM_MAX_RETRIES: '0',
    LLM_BREAKER_THRESHOLD: '3',
    LLM_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
    WEATHER_BASE_URL: weather.url,
    GEOCODING_BASE_URL: weather.url,
    WEATHER_TIMEOUT_MS: '1000',
    WEATHER_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS)
  })
  const { port } = server
  const created = await call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: 'hello' } })
  t.equal(created.status, 201, 'a turn with the model up')
  const id = String(JSON.parse(created.body).conversation.id)
  const post = (message: string): Promise<Answer> => call(port, `/v1/conversations/${id}/messages`, { method: 'POST', headers: auth, body: { message }, timeoutMs: HUNG_MS })
  const lastMessage = async (): Promise<{ role: string, content: string }> => {
    const { messages } = JSON.parse((await call(port, `/v1/conversations/${id}?messagesLimit=1`, { headers: auth })).body)
    return messages[0]
  }
  const refusedCleanly = (answer: Answer): boolean => answer.status === 503 && Number(answer.headers['retry-after']) > 0 && JSON.parse(answer.body).statusCode === 503
  const replyLater = async (): Promise<Answer> => call(port, `/v1/conversations/${id}/reply`, { method: 'POST', headers: auth, timeoutMs: HUNG_MS })

  await t.test('model down, then the open circuit', async (t) => {
    await fake.close()
    const down: Answer[] = []
    for (let i = 0; i < 3; i++) down.push(await post(`while the model is down ${i}`))
    t.ok(down.every(refusedCleanly), `503 with Retry-After while the model refuses connections (${down.map((a) => a.status).join(',')})`)
    t.match(await lastMessage(), { role: 'user', content: 'while the model is down 2' }, 'the user\'s message is stored')

    fake = await startFakeLlm({ port: modelPort })
    const open = await post('while the circuit is open')
    t.ok(refusedCleanly(open), 'the open circuit answers 503 with Retry-After')
    t.equal(fake.calls.length, 0, 'without calling the model')
    await sleep(HALF_OPEN_MS + 200)
    const later = await replyLater()
    t.equal(later.status, 201, 'POST .../reply produces the reply once the circuit lets a call through')
    t.match(JSON.parse(later.body), { message: { content: 'while the circuit is open' }, reply: { role: 'assistant', content: 'Hello from the fake model.' } })
    const all = [...down, open]
    await recordReliability({
      suite: SUITE,
      scenario: 'model refusing connections, then the open circuit, then back',
      requests: all.length + 1,
      faults: 1,
      failures: later.status === 201 ? 0 : 1,
      lost: (await lastMessage()).role === 'assistant' ? 0 : 1,
      duplicates: 0,
      unexpected5xx: all.filter((a) => a.status >= 500 && !refusedCleanly(a)).length,
      hung: all.filter((a) => a.hung).length,
      bypasses: 0,
      notes: 'every refusal 503 with Retry-After, the 4th by the open circuit without a model call; the reply produced later by POST .../reply'
    })
  })

  await t.test('model slow: past LLM_TIMEOUT_MS before answering and between streamed chunks', async (t) => {
    fake.script.push({ kind: 'reply', text: 'too late', delayMs: LLM_TIMEOUT_MS * 4 })
    const slow = await post('a slow model')
    t.ok(refusedCleanly(slow), `503 with Retry-After after ${slow.ms} ms`)
    t.ok(slow.ms < HUNG_MS, 'bounded by LLM_TIMEOUT_MS, not by the model')
    t.match(await lastMessage(), { role: 'user', content: 'a slow model' })

    fake.script.push({ kind: 'stall', text: 'Half a rep' })
    const stalled = await stream(port, `/v1/conversations/${id}/messages`, { headers: auth, body: { message: 'a model that stalls mid-stream' }, timeoutMs: HUNG_MS })
    t.equal(stalled.hung, false, `the stream ended (${stalled.ms} ms)`)
    t.equal(stalled.last, 'error', 'with an error event')
    t.match(stalled.events.at(-1)?.data, { statusCode: 503 })
    t.ok(stalled.events.some((e) => e.event === 'delta'), 'after the part that did arrive')
    await fake.calls.at(-1)?.settled
    t.equal(fake.calls.at(-1)?.aborted, true, 'the stalled model call was abandoned')

    const later = await replyLater()
    t.equal(later.status, 201, 'the reply is produced later')
    await recordReliability({
      suite: SUITE,
      scenario: 'model slower than LLM_TIMEOUT_MS, JSON and a stream that stalls',
      requests: 3,
      faults: 2,
      failures: later.status === 201 ? 0 : 1,
      lost: 0,
      duplicates: 0,
      unexpected5xx: refusedCleanly(slow) ? 0 : 1,
      hung: [slow.hung, stalled.hung].filter(Boolean).length,
      bypasses: 0,
      notes: `JSON refused after ${slow.ms} ms; the stalled stream ended with an error event after ${stalled.ms} ms`
    })
  })

  await t.test('model answering garbage', async (t) => {
    const garbage = [
      { kind: 'raw' as const, status: 200, contentType: 'application/json', body: '<html>upstream proxy error</html>' },
      { kind: 'raw' as const, status: 200, contentType: 'text/event-stream', body: 'data: {"choices": [ {"delta"\n\ndata: [DONE]\n\n' },
      { kind: 'raw' as const, status: 200, contentType: 'application/json', body: '{"object":"chat.completion","choices":[]}' }
    ]
    const results: Answer[] = []
    for (const [i, answer] of garbage.entries()) {
      fake.script.push(answer)
      results.push(await post(`garbage ${i}`))
      if (i === 1) {
        // The circuit opened after three failures in a row would refuse the next turn: let it close.
        t.equal((await replyLater()).status, 201, 'a good answer in between')
      }
    }
    t.same(results.map((a) => a.status), [503, 503, 503], 'each garbage answer is a 503, never a 500')
    t.ok(results.every(refusedCleanly), 'with Retry-After, in the one error shape')
    t.match(await lastMessage(), { role: 'user', content: 'garbage 2' }, 'the message is kept')
    const later = await replyLater()
    t.equal(later.status, 201)
    await recordReliability({
      suite: SUITE,
      scenario: 'model answering garbage (HTML, a broken stream, no choices)',
      requests: results.length + 2,
      faults: garbage.length,
      failures: later.status === 201 ? 0 : 1,
      lost: 0,
      duplicates: 0,
      unexpected5xx: results.filter((a) => a.status >= 500 && !refusedCleanly(a)).length,
      hung: results.filter((a) => a.hung).length,
      bypasses: 0,
      notes: 'every garbage answer 503 with Retry-After; the reply produced later'
    })
  })

  await t.test('weather down and hanging: the reply says it is unavailable', async (t) => {
    fake.responder = echoTool
    const askWeather = async (): Promise<{ answer: Answer, reply: string, ok: unknown }> => {
      fake.script.push(answers.tools({ name: 'get_weather', arguments: { location: 'Barcelona' } }))
      const answer = await post('what is the weather in Barcelona?')
      const body = answer.status === 201 ? JSON.parse(answer.body) : undefined
      return { answer, reply: String(body?.reply?.content ?? ''), ok: body?.reply?.toolCalls?.[0]?.ok }
    }
    const results: Array<{ mode: string, answer: Answer, reply: string, ok: unknown }> = []
    for (const mode of ['error', 'reset', 'hang'] as const) {
      weather.failure = mode
      const result = await askWeather()
      results.push({ mode, ...result })
      t.equal(result.answer.status, 201, `weather ${mode}: the turn still succeeds (${result.answer.ms} ms)`)
      t.match(result.reply, 'weather unavailable right now', 'the reply says the weather is unavailable')
      t.notMatch(result.reply, String(CURRENT_TEMPERATURE), 'and invents none')
      t.equal(result.ok, false, 'the tool call is reported as failed')
    }
    weather.failure = 'none'
    await sleep(HALF_OPEN_MS + 200)
    const back = await askWeather()
    t.equal(back.answer.status, 201)
    t.match(back.reply, String(CURRENT_TEMPERATURE), 'real weather once the provider is back')
    t.ok(weather.requests() > 0, `${weather.requests()} requests reached the weather provider`)
    const all = [...results.map((r) => r.answer), back.answer]
    await recordReliability({
      suite: SUITE,
      scenario: 'weather provider answering 503, resetting connections, hanging, then back',
      requests: all.length,
      faults: 3,
      failures: all.filter((a) => a.status !== 201).length,
      lost: 0,
      duplicates: 0,
      unexpected5xx: all.filter((a) => a.status >= 500).length,
      hung: all.filter((a) => a.hung).length,
      bypasses: 0,
      notes: `every reply said "weather unavailable", none had a temperature; slowest (hanging provider) ${Math.max(...results.map((r) => r.answer.ms))} ms`
    })
  })
})
