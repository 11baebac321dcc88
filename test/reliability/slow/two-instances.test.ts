// DESIGN.md 11 on one machine: two server processes started together, sharing one redis-server and one
// `acai mongo` process (each started by this test on free ports), behave as one service. The per-IP and
// per-key limits hold across both, a chat session and an idempotent request started on one are continued
// and replayed by the other, and each migration is applied by exactly one of them.
import { randomInt, randomUUID } from 'node:crypto'
import { test, type Test as Tap } from 'tap'
import { MongoClient } from 'mongodb'
import { createApiKeyStore } from '../../../lib/api-keys/store.js'
import { migrations } from '../../../lib/migrations/index.js'
import { TEST_API_KEY } from '../../helper.js'
import { recordReliability } from '../../support/reliability-report.js'
import { missingRedis, startRedis } from '../../support/redis-cluster.js'
import { startProcess, type ServerProcess } from '../../support/server-process.js'
import { startMongoProcess } from '../../lib/embedded-mongo/mongo-process.js'

const SUITE = 'two-instances'
const IP_MAX = 30
const KEY_MAX = 20

function freshIp (): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

interface Answer { status: number, headers: Headers, body: unknown }

async function call (server: ServerProcess, path: string, { method = 'GET', key, ip = freshIp(), body, headers = {} }: { method?: string, key?: string, ip?: string, body?: unknown, headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: {
      // TRUST_PROXY=true: the client address is X-Forwarded-For's, so each scenario has its own.
      'x-forwarded-for': ip,
      ...(key === undefined ? {} : { 'x-api-key': key }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000)
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
}

function logLines (server: ServerProcess): Array<Record<string, unknown>> {
  return server.logs().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
}

test('two instances sharing one Redis and one MongoDB-compatible server behave as one', { skip: missingRedis() }, async (t) => {
  const redis = await startRedis(t)
  const mongo = await startMongoProcess(t, ['--port', '0'])
  const env = {
    MONGODB_URI: mongo.uri,
    REDIS_URL: redis.url,
    TRUST_PROXY: 'true',
    RATE_LIMIT_MAX: String(IP_MAX),
    RATE_LIMIT_KEY_MAX: String(KEY_MAX),
    RATE_LIMIT_WINDOW_MS: '60000'
  }
  // Started together: both apply migrations at start-up against the same empty database.
  const [a, b] = await Promise.all([startProcess(t, ['server.ts'], env), startProcess(t, ['server.ts'], env)])
  t.ok(a.running() && b.running(), 'both instances are up')
  t.equal((await call(a, '/health')).status, 200, a.logs())
  t.equal((await call(b, '/health')).status, 200, b.logs())

  const client = new MongoClient(mongo.uri)
  t.teardown(() => client.close())
  const db = client.db('acai')
  const keys = createApiKeyStore({ db })
  const newKey = async (): Promise<string> => (await keys.create({ name: `two-${randomInt(1e9)}`, scopes: ['chat'] })).key

  await t.test('each migration is applied once, by one of the two', async (t) => {
    const applied = [a, b].flatMap((server) => logLines(server)
      .filter((line) => line.component === 'migrations' && Array.isArray(line.applied))
      .flatMap((line) => line.applied as string[]))
    t.same([...applied].sort(), migrations.map((m) => m.id), `applied between them: ${applied.join(', ')}`)
    const records = await db.collection('migrations').find({}).toArray()
    t.same(records.map((r) => [r._id, r.state]).sort(), migrations.map((m) => [m.id, 'applied']), 'one applied record each')
    t.equal(await db.collection('prompts').countDocuments({ platform: 'default' }), 1, 'the seeded prompt exists once')
    const waits = [a, b].flatMap(logLines).filter((line) => String(line.msg).startsWith('waiting for another process')).length
    await recordReliability({ suite: SUITE, scenario: 'two instances started together apply migrations', requests: 0, faults: 0, failures: applied.length === migrations.length ? 0 : 1, lost: 0, duplicates: applied.length - new Set(applied).size, unexpected5xx: 0, hung: 0, bypasses: 0, notes: `${migrations.length} migrations, applied ${applied.length} times in all; ${waits} waits for the other's claim` })
  })

  // Half the calls to each instance, all at once: a shared counter accepts exactly `max`.
  async function limitAcrossInstances (t: Tap, scenario: string, max: number, send: (target: ServerProcess) => Promise<Answer>): Promise<void> {
    const statuses = await Promise.all(Array.from({ length: 2 * max }, (_, i) => send(i % 2 === 0 ? a : b).then((res) => res.status)))
    const accepted = statuses.filter((status) => status === 200).length
    t.equal(accepted, max, `${accepted} of ${statuses.length} accepted, exactly the limit`)
    t.equal(statuses.filter((status) => status === 429).length, max, 'the rest refused with 429')
    await recordReliability({ suite: SUITE, scenario, requests: statuses.length, faults: 0, failures: Math.abs(accepted - max), lost: 0, duplicates: 0, unexpected5xx: statuses.filter((s) => s >= 500).length, hung: 0, bypasses: Math.max(0, accepted - max), notes: `limit ${max}/min, ${accepted} accepted` })
  }

  await t.test('the per-IP limit holds across both instances', async (t) => {
    const ip = freshIp()
    await limitAcrossInstances(t, 'per-IP limit across two instances', IP_MAX, (target) => call(target, '/health', { ip }))
  })

  await t.test('the per-key limit holds across both instances', async (t) => {
    const key = await newKey()
    await limitAcrossInstances(t, 'per-key limit across two instances', KEY_MAX, (target) => call(target, '/v1/conversations', { key }))
  })

  await t.test('a chat session started on one instance continues on the other', async (t) => {
    const key = await newKey()
    const turns: Array<{ started: boolean, conversation: { id: string, messageCount: number } }> = []
    for (let i = 0; i < 6; i++) {
      const res = await call(i % 2 === 0 ? a : b, '/v1/sessions/messages', { method: 'POST', key, body: { platform: 'telegram', chatId: 'shared-chat', message: `what time is it in Tokyo? (${i})` } })
      t.equal(res.status, 201)
      turns.push(res.body as (typeof turns)[number])
    }
    t.same(turns.map((turn) => turn.started), [true, false, false, false, false, false], 'only the first message started a conversation')
    t.equal(new Set(turns.map((turn) => turn.conversation.id)).size, 1, 'every turn, on either instance, in the same conversation')
    t.equal(turns.at(-1)?.conversation.messageCount, 12, 'all twelve messages in it')
    await recordReliability({ suite: SUITE, scenario: 'chat session alternating between two instances', requests: turns.length, faults: 0, failures: turns.filter((turn, i) => turn.started !== (i === 0)).length, lost: 12 - (turns.at(-1)?.conversation.messageCount ?? 0), duplicates: 0, unexpected5xx: 0, hung: 0, bypasses: 0 })
  })

  await t.test('an idempotent retry sent to the other instance returns the stored response', async (t) => {
    const key = await newKey()
    const idempotencyKey = randomUUID()
    const send = (server: ServerProcess): Promise<Answer> => call(server, '/v1/conversations', { method: 'POST', key, headers: { 'idempotency-key': idempotencyKey }, body: { message: 'what time is it in Lima?' } })
    const first = await send(a)
    const retry = await send(b)
    t.equal(first.status, 201)
    t.equal(retry.status, 201, 'the stored status')
    t.equal(retry.headers.get('idempotent-replayed'), 'true', 'marked as a replay')
    t.same(retry.body, first.body, 'the stored body, byte for byte the same JSON')
    const list = await call(a, '/v1/conversations', { key })
    const conversations = (list.body as { items: unknown[] }).items
    t.equal(conversations.length, 1, 'one conversation stored, not two')
    await recordReliability({ suite: SUITE, scenario: 'idempotent retry sent to the other instance', requests: 2, faults: 0, failures: retry.headers.get('idempotent-replayed') === 'true' ? 0 : 1, lost: 0, duplicates: conversations.length - 1, unexpected5xx: 0, hung: 0, bypasses: 0 })
  })

  t.equal((await call(a, '/health', { key: TEST_API_KEY })).status, 200, 'both still serve')
})
