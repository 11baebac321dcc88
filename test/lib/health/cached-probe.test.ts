import { test } from 'tap'
import { cachedProbe } from '../../../lib/health/cached-probe.js'
import type { CheckState } from '../../../lib/health/checks.js'

test('a probe runs at most once per interval, shared by concurrent callers', async (t) => {
  let at = 0
  let runs = 0
  let state: CheckState = 'ok'
  const probe = cachedProbe(async () => { runs++; return state }, 1000, () => at)
  t.same(await Promise.all([probe(), probe(), probe()]), ['ok', 'ok', 'ok'])
  t.equal(runs, 1, 'concurrent callers share one probe')
  state = 'unavailable'
  at = 999
  t.equal(await probe(), 'ok', 'within the interval the last result answers')
  t.equal(runs, 1)
  at = 1000
  t.equal(await probe(), 'unavailable', 'after it the dependency is probed again')
  t.equal(runs, 2)
})

test('a throwing probe is unavailable; interval 0 probes on every call', async (t) => {
  let runs = 0
  const probe = cachedProbe(async () => { runs++; throw new Error('connect ECONNREFUSED') }, 0)
  t.equal(await probe(), 'unavailable')
  t.equal(await probe(), 'unavailable')
  t.equal(runs, 2)
})
