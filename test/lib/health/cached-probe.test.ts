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

test('while a probe runs, other callers get the previous result at once; the caller that started it waits', async (t) => {
  let at = 0
  let runs = 0
  let finish: (state: CheckState) => void = () => {}
  const probe = cachedProbe(async () => {
    runs++
    return await new Promise<CheckState>((resolve) => { finish = resolve })
  }, 1000, () => at)
  const first = probe()
  finish('ok')
  t.equal(await first, 'ok', 'no earlier result: the first caller waits for the probe')
  at = 1000
  const starter = probe()
  t.equal(runs, 2, 'the interval passed: a new probe started')
  t.equal(await probe(), 'ok', 'a caller during the probe is answered from the previous result without waiting')
  t.equal(runs, 2, 'and starts no second probe')
  finish('unavailable')
  t.equal(await starter, 'unavailable', 'the caller that started the probe gets its result')
  t.equal(await probe(), 'unavailable', 'later callers get the new result')
})

test('interval 0: concurrent callers share the probe in flight instead of getting an older result', async (t) => {
  let runs = 0
  let finish: (state: CheckState) => void = () => {}
  const probe = cachedProbe(async () => {
    runs++
    return await new Promise<CheckState>((resolve) => { finish = resolve })
  }, 0)
  const first = probe()
  finish('ok')
  await first
  const a = probe()
  const b = probe()
  finish('unavailable')
  t.same(await Promise.all([a, b]), ['unavailable', 'unavailable'])
  t.equal(runs, 2)
})
