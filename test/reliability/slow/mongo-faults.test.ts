// MongoDB (a standalone `acai mongo` with a data directory) SIGKILLed while chat requests stream in and SSE
// replies are open, then restarted on the same port and directory (DESIGN.md 7.1, issue 12). During the
// outage requests answer 503 with Retry-After and /ready is 503; every open stream ends with an `error`
// event; once MongoDB is back requests succeed without restarting the app. Afterwards the database holds
// every message that was acknowledged (a 2xx or a `done` event), and none twice, although each refused
// request was retried with its Idempotency-Key until it succeeded.
import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { MongoClient, ObjectId } from 'mongodb'
import { TEST_API_KEY } from '../../helper.js'
import { startProcess } from '../../support/server-process.js'
import { answers, startFakeLlm } from '../../support/fake-llm.js'
import { call, eventually, startMongoServer, stream, type Answer, type StreamAnswer } from '../../support/fault-deps.js'
import { recordReliability } from '../../support/reliability-report.js'

const SUITE = 'mongo-faults'
const auth = { 'x-api-key': TEST_API_KEY }
const HUNG_MS = 20_000
const STREAMS = 5
const STREAMED_REPLY = 'This reply arrives slowly, chunk after chunk, while the database goes away underneath it.'

interface Acked { messageId: string, replyId: string, content: string }

test('MongoDB SIGKILLed mid-stream and restarted on the same data directory', async (t) => {
  const mongo = await startMongoServer(t, t.testdir())
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  // Messages that ask for a stream get a slow one (about 2 s), the others an immediate reply.
  fake.responder = (body) => {
    const last = String(body.messages.at(-1)?.content ?? '')
    return last.startsWith('stream') ? { kind: 'reply', text: STREAMED_REPLY, chunkDelayMs: 150 } : answers.text(`Reply to ${last}`)
  }
  const server = await startProcess(t, ['server.ts'], {
    MONGODB_URI: mongo.uri,
    MONGODB_TIMEOUT_MS: '1000',
    HEALTH_PROBE_INTERVAL_MS: '0',
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'sk-reliability',
    LLM_MAX_RETRIES: '0'
  })
  const { port } = server
  const conversations: string[] = []
  for (let i = 0; i < 3; i++) {
    const created = await call(port, '/v1/conversations', { method: 'POST', headers: auth, body: { message: `conversation ${i}` } })
    t.equal(created.status, 201)
    conversations.push(String(JSON.parse(created.body).conversation.id))
  }

  const acked: Acked[] = []
  const ack = (turn: { message: { id: string, content: string }, reply: { id: string } }): void => {
    acked.push({ messageId: turn.message.id, replyId: turn.reply.id, content: turn.message.content })
  }
  // Every POST carries an Idempotency-Key and is retried with it until it succeeds.
  const pending = new Map<string, { conversation: string, content: string }>()
  const outcomes: Answer[] = []
  const postTurn = async (key: string, conversation: string, content: string): Promise<Answer> => {
    const answer = await call(port, `/v1/conversations/${conversation}/messages`, { method: 'POST', headers: { ...auth, 'idempotency-key': key }, body: { message: content }, timeoutMs: HUNG_MS })
    outcomes.push(answer)
    if (answer.status === 201) {
      ack(JSON.parse(answer.body))
      pending.delete(key)
    } else {
      pending.set(key, { conversation, content })
    }
    return answer
  }

  const stop = new AbortController()
  let sent = 0
  const inFlight: Array<Promise<Answer>> = []
  const pump = (async () => {
    for (let i = 0; !stop.signal.aborted; i++) {
      const conversation = conversations[i % conversations.length]
      inFlight.push(i % 3 === 2
        ? call(port, '/v1/conversations?limit=10', { headers: auth, timeoutMs: HUNG_MS }).then((a) => { outcomes.push(a); return a })
        : postTurn(`turn-${i}`, conversation, `turn ${i}`))
      sent++
      await sleep(150)
    }
  })()
  await sleep(1000)

  // Open streams, each with its first delta already delivered when the database dies.
  let deltas = 0
  const streams: Array<Promise<StreamAnswer>> = []
  for (let i = 0; i < STREAMS; i++) {
    streams.push(stream(port, `/v1/conversations/${conversations[i % conversations.length]}/messages`, {
      headers: auth,
      body: { message: `stream ${i}` },
      timeoutMs: HUNG_MS,
      onEvent: (event) => { if (event.event === 'delta') deltas++ }
    }))
  }
  t.ok(await eventually(() => deltas >= STREAMS, 10_000, 20), 'every stream has begun')
  await mongo.kill()
  const killedAt = Date.now()
  let readyAfterMs = -1
  const readyRefuses = eventually(async () => {
    const refused = (await call(port, '/ready')).status === 503
    if (refused) readyAfterMs = Date.now() - killedAt
    return refused
  }, 5000, 50)

  const ended = await Promise.all(streams)
  t.same(ended.map((s) => s.last), Array(STREAMS).fill('error'), 'every open stream ended with an error event')
  t.ok(ended.every((s) => !s.hung), `none hung (slowest ended ${Math.max(...ended.map((s) => s.ms))} ms after it began)`)
  t.ok(ended.every((s) => (s.events.at(-1)?.data as { statusCode?: number }).statusCode === 503), 'the error is a 503')
  t.ok(await readyRefuses, `/ready is 503 ${readyAfterMs} ms after the kill`)
  const refused = await call(port, '/v1/conversations', { headers: auth, timeoutMs: HUNG_MS })
  t.equal(refused.status, 503, 'a request during the outage is refused')
  t.ok(Number(refused.headers['retry-after']) > 0, 'with Retry-After')
  await sleep(1500)

  await mongo.start()
  const restartedAt = Date.now()
  const back = await eventually(async () => (await call(port, '/ready')).status === 200, 30_000, 200)
  t.ok(back, `/ready is 200 again ${Date.now() - restartedAt} ms after the restart, without restarting the app`)
  await sleep(1500)
  stop.abort()
  await pump
  await Promise.all(inFlight)

  // Retry what was refused, with the same keys, until everything is acknowledged.
  for (let round = 0; round < 20 && pending.size > 0; round++) {
    for (const [key, { conversation, content }] of [...pending]) await postTurn(key, conversation, content)
    if (pending.size > 0) await sleep(500)
  }
  t.equal(pending.size, 0, 'every refused request succeeded when retried with its key')
  t.ok(server.running(), 'the app was never restarted')

  const during = outcomes.filter((a) => a.status >= 500)
  t.ok(during.length > 0, `${during.length} requests were refused during the outage`)
  const unexpected = during.filter((a) => a.status !== 503 || !(Number(a.headers['retry-after']) > 0))
  t.same(unexpected.map((a) => `${a.status} ${a.body.slice(0, 100)}`), [], 'every refusal was a 503 with Retry-After')
  const hung = outcomes.filter((a) => a.hung).length + ended.filter((s) => s.hung).length
  t.equal(hung, 0, 'no request hung')

  // The database's view: each acknowledged message once, with its reply.
  const client = new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 5000 })
  t.teardown(() => client.close())
  const messages = client.db('acai').collection('messages')
  const ids = acked.flatMap((a) => [a.messageId, a.replyId]).map((id) => new ObjectId(id))
  const found = new Set((await messages.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id.toHexString()))
  const lost = ids.filter((id) => !found.has(id.toHexString())).length
  t.equal(lost, 0, `all ${ids.length} acknowledged messages are in the database`)
  const copies = await messages.aggregate<{ _id: string, n: number }>([
    { $match: { role: 'user', content: { $regex: '^turn ' } } },
    { $group: { _id: '$content', n: { $sum: 1 } } },
    { $match: { n: { $gt: 1 } } }
  ]).toArray()
  const replies = await messages.aggregate<{ _id: unknown, n: number }>([
    { $match: { role: 'assistant' } },
    { $group: { _id: { conversationId: '$conversationId', inReplyTo: '$inReplyTo' }, n: { $sum: 1 } } },
    { $match: { n: { $gt: 1 } } }
  ]).toArray()
  const duplicates = copies.length + replies.length
  t.same(copies, [], 'no user message stored twice, retries included')
  t.same(replies, [], 'no message answered twice')
  const turns = new Set(acked.filter((a) => a.content.startsWith('turn ')).map((a) => a.content))
  t.equal(turns.size, acked.filter((a) => a.content.startsWith('turn ')).length, 'no turn acknowledged twice')

  await recordReliability({
    suite: SUITE,
    scenario: `acai mongo SIGKILLed with ${STREAMS} SSE replies open under a chat stream, restarted on its data dir`,
    requests: outcomes.length + STREAMS + 3,
    faults: 1,
    failures: pending.size,
    lost,
    duplicates,
    unexpected5xx: unexpected.length,
    hung,
    bypasses: 0,
    notes: `${sent} requests streamed; ${during.length} refused with 503 during the outage and retried with their Idempotency-Key; ${acked.length} turns acknowledged; every open stream ended with an error event`
  })
})
