import { EventEmitter } from 'node:events'
import { test } from 'tap'
import { Registry, Gauge } from 'prom-client'
import { trackPoolConnections } from '../../../lib/mongo/pool-metrics.js'

test('the pool gauge follows the driver\'s connection events, from zero', async (t) => {
  const registry = new Registry()
  const gauge = new Gauge({ name: 'mongodb_pool_connections', help: 'test', labelNames: ['state'] as const, registers: [registry] })
  const client = new EventEmitter()
  trackPoolConnections(client, gauge)
  const values = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await gauge.get()).values.map((v) => [String(v.labels.state), v.value]))
  t.same(await values(), { open: 0, checked_out: 0 }, 'both series exist before any connection')

  client.emit('connectionCreated')
  client.emit('connectionCreated')
  client.emit('connectionCheckedOut')
  client.emit('connectionCheckedOut')
  client.emit('connectionCheckedIn')
  t.same(await values(), { open: 2, checked_out: 1 })

  client.emit('connectionCheckedIn')
  client.emit('connectionClosed')
  t.same(await values(), { open: 1, checked_out: 0 })
})
