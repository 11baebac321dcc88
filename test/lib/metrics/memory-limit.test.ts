import { test } from 'tap'
import { memoryLimitBytes } from '../../../lib/metrics/memory-limit.js'

const GiB = 1024 ** 3

test('the memory limit is the container\'s when one is set below the machine\'s memory', async (t) => {
  t.equal(memoryLimitBytes(512 * 1024 ** 2, 8 * GiB), 512 * 1024 ** 2)
})

test('without a limit the machine\'s memory is the limit', async (t) => {
  t.equal(memoryLimitBytes(0, 8 * GiB), 8 * GiB, 'Node reports no constraint as 0')
  t.equal(memoryLimitBytes(undefined, 8 * GiB), 8 * GiB, 'or not at all')
  t.equal(memoryLimitBytes(9223372036854771712, 8 * GiB), 8 * GiB, 'cgroup v1 reports "unlimited" as a huge number')
})
