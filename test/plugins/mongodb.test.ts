import { test } from 'tap'
import { buildPlugins } from '../helper.js'
import metrics from '../../plugins/app/metrics.js'
import mongodb, { HEARTBEAT_FREQUENCY_MS } from '../../plugins/app/mongodb.js'

// The driver's bounds that keep a request from hanging on a MongoDB that never answers
// (test/reliability/mongo-black-hole.test.ts shows the behaviour over a real port).
test('the client bounds selection, connection, each answer and the monitor\'s notice', async (t) => {
  const fastify = await buildPlugins(t, [metrics, mongodb], { MONGODB_TIMEOUT_MS: '1200', MONGODB_SOCKET_TIMEOUT_MS: '2500' })
  t.match(fastify.mongo.client.options, {
    serverSelectionTimeoutMS: 1200,
    connectTimeoutMS: 1200,
    socketTimeoutMS: 2500,
    heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS
  })
  t.ok(HEARTBEAT_FREQUENCY_MS < 10_000, 'the monitor checks more often than the driver\'s 10 s default')
})

test('MONGODB_SOCKET_TIMEOUT_MS defaults to 5 s; 0 turns it off', async (t) => {
  const byDefault = await buildPlugins(t, [metrics, mongodb])
  t.equal(byDefault.mongo.client.options.socketTimeoutMS, 5000)
  const off = await buildPlugins(t, [metrics, mongodb], { MONGODB_SOCKET_TIMEOUT_MS: '0' })
  t.equal(off.mongo.client.options.socketTimeoutMS, 0)
})
