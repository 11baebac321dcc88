import { test } from 'tap'
import { checkHealth } from '../../../lib/health/checks.js'

const fixedNow = () => new Date('2026-01-02T03:04:05.000Z')

test('both dependencies up: healthy, with the checks and a timestamp', async (t) => {
  const report = await checkHealth({ mongodb: async () => 'ok', redis: async () => 'ok', now: fixedNow })
  t.same(report, { status: 'healthy', timestamp: '2026-01-02T03:04:05.000Z', checks: { mongodb: 'ok', redis: 'ok' } })
})

test('embedded defaults count as healthy', async (t) => {
  const report = await checkHealth({ mongodb: async () => 'embedded', redis: async () => 'embedded' })
  t.equal(report.status, 'healthy')
  t.same(report.checks, { mongodb: 'embedded', redis: 'embedded' })
})

test('Redis unavailable only degrades', async (t) => {
  const report = await checkHealth({ mongodb: async () => 'ok', redis: async () => 'unavailable' })
  t.equal(report.status, 'degraded')
  t.equal(report.checks.redis, 'unavailable')
})

test('MongoDB unavailable is unhealthy, whatever Redis says', async (t) => {
  const report = await checkHealth({ mongodb: async () => 'unavailable', redis: async () => 'unavailable' })
  t.equal(report.status, 'unhealthy')
})

test('a probe that throws counts as unavailable and its message never reaches the report', async (t) => {
  const report = await checkHealth({
    mongodb: async () => { throw new Error('connect ECONNREFUSED mongodb://admin:hunter2@db:27017') },
    redis: async () => 'ok'
  })
  t.equal(report.status, 'unhealthy')
  t.equal(report.checks.mongodb, 'unavailable')
  t.notMatch(JSON.stringify(report), /hunter2|ECONNREFUSED/)
})

test('a probe that hangs counts as unavailable after the timeout', async (t) => {
  const started = Date.now()
  const report = await checkHealth({
    mongodb: async () => 'ok',
    redis: () => new Promise(() => {}),
    timeoutMs: 50
  })
  t.equal(report.status, 'degraded')
  t.equal(report.checks.redis, 'unavailable')
  t.ok(Date.now() - started < 1000, 'answered at the timeout, not never')
})
