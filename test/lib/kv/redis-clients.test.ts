import { test } from 'tap'
import { parseClusterNodes } from '../../../lib/kv/redis-clients.js'
import { clusterInfoHealthy } from '../../../lib/kv/redis-kv.js'

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

test('CLUSTER INFO is healthy only with every slot served and no master suspected or agreed down', async (t) => {
  const info = (state: string, pfail: number, fail: number): string =>
    `cluster_state:${state}\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:${16384 - pfail - fail}\r\ncluster_slots_pfail:${pfail}\r\ncluster_slots_fail:${fail}\r\ncluster_known_nodes:6\r\n`
  t.equal(clusterInfoHealthy(info('ok', 0, 0)), true)
  t.equal(clusterInfoHealthy(info('ok', 5461, 0)), false, 'a master suspected down by this node')
  t.equal(clusterInfoHealthy(info('fail', 0, 5461)), false, 'a master agreed down, slots uncovered')
  t.equal(clusterInfoHealthy(''), false, 'no answer is not healthy')
})
