import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Collection } from 'mongodb'
import { connect, isExternal, type Doc } from './harness.js'

// A real mongod runs its TTL monitor every 60 s (not changeable at run time), so against MONGODB_URI the
// expiry test only runs when CONFORMANCE_TTL_WAIT=1 asks for the slow wait. The embedded server is
// started by the harness with a fast sweeper.
const slowWaitAllowed = process.env.CONFORMANCE_TTL_WAIT === '1'
const skip = isExternal && !slowWaitAllowed
  ? 'real MongoDB sweeps TTL indexes every 60 s; set CONFORMANCE_TTL_WAIT=1 to wait for it'
  : false

const { coll, ttlDeadlineMs } = await connect(t, 'ttl')

const remainingIds = async (c: Collection<Doc>): Promise<string[]> =>
  (await c.find({}, { projection: { _id: 1 } }).toArray()).map(d => String(d._id)).sort()

async function waitUntil (check: () => Promise<boolean>, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs
  while (Date.now() < end) {
    if (await check()) return true
    await sleep(100)
  }
  return await check()
}

t.test('TTL indexes remove expired documents and keep everything else', { skip, timeout: 120_000 }, async t => {
  const sessions = coll('sessions')
  const records = coll('records')
  await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
  await records.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 })
  const now = Date.now()
  const minute = 60_000
  const hour = 60 * minute
  await sessions.insertMany([
    { _id: 'expired', expiresAt: new Date(now - minute) },
    { _id: 'expired-long-ago', expiresAt: new Date(now - 400 * 24 * hour) },
    { _id: 'expired-in-array', expiresAt: [new Date(now + hour), new Date(now - minute)] },
    { _id: 'future', expiresAt: new Date(now + hour) },
    { _id: 'future-array', expiresAt: [new Date(now + hour), new Date(now + 2 * hour)] },
    { _id: 'no-field' },
    { _id: 'not-a-date', expiresAt: 'yesterday' },
    { _id: 'number', expiresAt: 0 },
    { _id: 'null', expiresAt: null }
  ])
  await records.insertMany([
    { _id: 'old', createdAt: new Date(now - 2 * hour) },
    { _id: 'recent', createdAt: new Date(now - 30 * minute) }
  ])

  const keptSessions = ['future', 'future-array', 'no-field', 'not-a-date', 'null', 'number']
  const swept = await waitUntil(async () =>
    (await remainingIds(sessions)).join() === keptSessions.join() && (await remainingIds(records)).join() === 'recent',
  ttlDeadlineMs)
  t.ok(swept, `expired documents removed within ${ttlDeadlineMs} ms`)
  t.same(await remainingIds(sessions), keptSessions, 'only documents whose date (or earliest date) passed are removed')
  t.same(await remainingIds(records), ['recent'], 'expireAfterSeconds is added to the indexed date')
})

const skipSlow = isExternal ? 'needs a fast TTL sweeper: a second 60 s wait on a real mongod adds nothing' : false

t.test('documents written after a sweep expire on a later sweep', { skip: skipSlow }, async t => {
  const c = coll('later')
  await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })
  await c.insertOne({ _id: 'soon', expiresAt: new Date(Date.now() + 1000) })
  await c.insertOne({ _id: 'kept', expiresAt: new Date(Date.now() + 3_600_000) })
  const gone = await waitUntil(async () => (await remainingIds(c)).join() === 'kept', ttlDeadlineMs + 1000)
  t.ok(gone, 'the document expired once its time came')
})
