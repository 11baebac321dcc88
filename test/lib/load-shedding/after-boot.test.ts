import { test } from 'tap'
import { afterBootPressure } from '../../../lib/load-shedding/after-boot.js'

function clock () {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => { waits.push(ms) } }
}

test('a boot without a block as long as a sample interval listens at once', async (t) => {
  const { waits, sleep } = clock()
  t.equal(await afterBootPressure({ longestBlockMs: 999, sampleIntervalMs: 1000, underPressure: () => true, sleep }), 0)
  t.same(waits, [])
})

test('after a long block: one more sample, then until the shedder is relieved', async (t) => {
  const { waits, sleep } = clock()
  let checks = 0
  const waited = await afterBootPressure({ longestBlockMs: 1200, sampleIntervalMs: 1000, underPressure: () => ++checks <= 3, sleep })
  t.same(waits, [1100, 100, 100, 100], 'a sample interval and a step, then a step per check under pressure')
  t.equal(waited, 1400)
})

test('pressure that does not go away delays listening by three intervals at most', async (t) => {
  const { waits, sleep } = clock()
  const waited = await afterBootPressure({ longestBlockMs: 5000, sampleIntervalMs: 100, underPressure: () => true, sleep })
  t.equal(waited, 300)
  t.equal(waits.reduce((a, b) => a + b, 0), 300)
})
