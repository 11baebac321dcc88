import { test } from 'tap'
import { parseClusterNodes } from '../../../lib/kv/redis-clients.js'

test('REDIS_CLUSTER_NODES parses host:port seeds, IPv6 in brackets, spaces and empty entries ignored', async (t) => {
  t.same(parseClusterNodes('10.0.0.1:7000, redis-1.internal:7001,,[::1]:7002'), [
    { host: '10.0.0.1', port: 7000 },
    { host: 'redis-1.internal', port: 7001 },
    { host: '::1', port: 7002 }
  ])
})

test('a REDIS_CLUSTER_NODES entry that is not host:port is refused, naming it', async (t) => {
  for (const bad of ['localhost', 'redis://h:7000', 'h:0', 'h:65536', 'h:port', ':7000', 'user@h:7000', '::1:7000']) {
    t.throws(() => parseClusterNodes(`127.0.0.1:7000,${bad}`), { message: `REDIS_CLUSTER_NODES: '${bad}' is not host:port` }, bad)
  }
  t.throws(() => parseClusterNodes(' , '), { message: /expected comma-separated host:port/ })
})
