import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import { build } from '../helper.js'

// ioredis reports 'end' once the socket has closed, just after QUIT is answered.
async function settledStatus (client: { status: string }): Promise<string> {
  for (let i = 0; i < 50 && client.status !== 'end'; i++) await sleep(20)
  return client.status
}

function refused (host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host)
    socket.once('connect', () => { socket.destroy(); resolve(false) })
    socket.once('error', () => resolve(true))
  })
}

test('closing the app closes the MongoDB client, then the embedded server, and Redis', async (t) => {
  const app = await build(t, { REDIS_URL: 'redis://127.0.0.1:6379/15' })
  const [address] = app.mongo.client.options.hosts
  const host = address?.host ?? '127.0.0.1'
  const port = address?.port ?? 0
  t.equal(await refused(host, port), false, 'the embedded server is listening')
  t.equal(app.redis.status, 'ready')

  const started = Date.now()
  await app.close()
  t.ok(Date.now() - started < 2000, 'nothing waits for a timeout')
  t.equal(await refused(host, port), true, 'the embedded server is stopped')
  t.equal(await settledStatus(app.redis), 'end', 'the Redis connection is closed')
  await t.rejects(app.mongo.client.db('acai').command({ ping: 1 }), 'the driver client is closed')
})

test('closing an app whose Redis never came up does not hang, and stops the reconnect attempts', async (t) => {
  const app = await build(t, { REDIS_URL: 'redis://127.0.0.1:1', REDIS_STARTUP_WAIT_MS: '0' })
  const started = Date.now()
  await app.close()
  t.ok(Date.now() - started < 2000)
  let attempts = 0
  app.redis.on('reconnecting', () => { attempts++ })
  // Past the client's first reconnect delay (250 ms).
  await sleep(400)
  t.equal(attempts, 0, 'no reconnect after close')
})
