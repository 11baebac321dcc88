import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { startEmbeddedMongo } from '../../../lib/embedded-mongo/index.js'
import { build } from '../../helper.js'
import { startMongoFaultProxy, type Command } from '../../support/mongo-fault-proxy.js'
import { auth, countingProvider } from './chat-fixtures.js'

// The record write that completes an idempotency key lands after the reply is stored. A MongoDB blip
// right there used to turn the delivered reply into an error and leave the record pending for 150 s, so
// every retry with the key got 409. Now the reply goes out, the record follows once MongoDB is back, and
// a retry gets either a clean 503 during the outage or the stored response: never 409.

function completesIdempotencyRecord (command: Command): boolean {
  if (command.update !== 'idempotency' || !Array.isArray(command.updates)) return false
  const [statement] = command.updates as Array<{ u?: { $set?: { state?: unknown } } }>
  return statement?.u?.$set?.state === 'done'
}

test('MongoDB going away between the turn and its idempotency record', async (t) => {
  const mongo = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 })
  t.teardown(() => mongo.close())
  const proxy = await startMongoFaultProxy({ host: '127.0.0.1', port: mongo.port })
  t.teardown(() => proxy.close())
  const provider = countingProvider()
  const app = await build(t, { MONGODB_URI: proxy.uri, MONGODB_TIMEOUT_MS: '300', IDEMPOTENCY_WAIT_MS: '5000' }, { app: { assistant: { provider } } })
  const headers = { ...auth, 'idempotency-key': 'outage-between-turn-and-record' }
  const request = { method: 'POST' as const, url: '/v1/conversations', headers, payload: { message: 'what time is it in Tokyo?' } }

  proxy.cutWhen(completesIdempotencyRecord, 1500)
  const first = await app.inject(request)
  t.equal(proxy.outages(), 1, 'MongoDB went away just as the record was completed')
  t.equal(first.statusCode, 201, 'the stored reply is delivered, not turned into an error')

  const statuses: number[] = []
  let last = first
  for (let i = 0; i < 40; i++) {
    last = await app.inject(request)
    statuses.push(last.statusCode)
    if (i === 5) console.error('503 body', last.body)
    if (last.statusCode !== 503) break
    t.ok(Number(last.headers['retry-after']) > 0, 'a 503 during the outage says when to come back')
    await sleep(100)
  }
  t.notOk(statuses.includes(409), `no 409 among the retries (${statuses.join(', ')})`)
  t.equal(last.statusCode, 201)
  t.equal(last.headers['idempotent-replayed'], 'true', 'the retry replays the first response')
  t.same(last.json(), first.json())
  t.equal(provider.replies, 1, 'the assistant ran once')

  const failures = await app.metrics.client.register.getSingleMetricAsString('store_failures_total')
  t.match(failures, /store_failures_total\{operation="idempotency.complete"\} [1-9]/, 'the failed write is counted')
})
