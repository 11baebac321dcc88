import { readFileSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'tap'
import { main, readRows, renderReport, REPORT_PATH } from '../../scripts/reliability-report.js'
import { recordReliability, RELIABILITY_RESULTS_DIR, type ReliabilityRow } from '../support/reliability-report.js'

const row = (overrides: Partial<ReliabilityRow>): ReliabilityRow => ({
  suite: 'redis-faults',
  scenario: 'Redis killed',
  requests: 10,
  faults: 1,
  failures: 0,
  lost: 0,
  duplicates: 0,
  unexpected5xx: 0,
  hung: 0,
  bypasses: 0,
  ...overrides
})

test('rows become one table line each, ordered, with totals, date and Node version', async (t) => {
  const text = renderReport([
    row({ suite: 'b-suite', scenario: 'second', requests: 5, hung: 1, notes: 'a | pipe\nand a line break' }),
    row({ suite: 'a-suite', scenario: 'first', requests: 7, failures: 2 })
  ].sort((a, b) => a.suite.localeCompare(b.suite)), { date: new Date('2026-12-04T12:00:00Z'), nodeVersion: 'v20.19.0' })
  t.match(text, /^# Reliability\n/)
  t.match(text, 'Run: 2026-12-04, Node.js v20.19.0, 2 scenarios in 2 suites.')
  t.match(text, '| suite | scenario | requests | faults | failures | lost | duplicates | unexpected 5xx | hung | bypasses | notes |')
  t.match(text, '| a-suite | first | 7 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |  |')
  t.match(text, '| b-suite | second | 5 | 1 | 0 | 0 | 0 | 0 | 1 | 0 | a \\| pipe and a line break |', 'pipes escaped, one line')
  t.match(text, '| **total** |  | **12** | **2** | **2** | **0** | **0** | **0** | **1** | **0** |  |')
  t.ok(text.indexOf('a-suite') < text.indexOf('b-suite'))
})

test('readRows reads what recordReliability wrote, refuses anything else, and main writes the page', async (t) => {
  const dir = t.testdir()
  t.same(await readRows(join(dir, 'missing')), [], 'no directory: no rows')
  await writeFile(join(dir, 'z.json'), JSON.stringify(row({ suite: 'z', scenario: 'last' })))
  await writeFile(join(dir, 'a.json'), JSON.stringify(row({ suite: 'a', scenario: 'first', notes: 'n' })))
  await writeFile(join(dir, 'ignored.txt'), 'not a row')
  t.same((await readRows(dir)).map((r) => r.suite), ['a', 'z'])

  const out = join(dir, 'reliability.md')
  t.equal(await main(dir, out, { date: new Date('2026-12-04T00:00:00Z'), nodeVersion: 'v22.0.0' }), 0)
  t.match(await readFile(out, 'utf8'), '| a | first | 10 |')

  const empty = join(dir, 'empty')
  await mkdir(empty)
  t.equal(await main(empty, join(dir, 'none.md')), 1, 'no rows: exit 1 and nothing written')
  await t.rejects(readFile(join(dir, 'none.md')))

  await writeFile(join(dir, 'bad.json'), JSON.stringify({ suite: 'x', scenario: 'y', requests: 'many' }))
  await t.rejects(readRows(dir), /bad\.json is not a reliability row/)
})

test('recordReliability writes one file per suite and scenario, a rerun overwrites it', async (t) => {
  const scenario = `report test ${process.pid}`
  await recordReliability(row({ suite: 'report-test', scenario, requests: 1 }))
  await recordReliability(row({ suite: 'report-test', scenario, requests: 2 }))
  const mine = (await readRows(RELIABILITY_RESULTS_DIR)).filter((r) => r.suite === 'report-test' && r.scenario === scenario)
  t.equal(mine.length, 1)
  t.equal(mine[0]?.requests, 2)
  const { rm } = await import('node:fs/promises')
  const file = `report-test--${scenario.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`
  await rm(join(RELIABILITY_RESULTS_DIR, file))
})

test('the committed docs/reliability.md is a generated report with zero losses, duplicates and hangs', async (t) => {
  const text = readFileSync(REPORT_PATH, 'utf8')
  t.match(text, /^# Reliability\n/)
  const total = text.split('\n').find((line) => line.startsWith('| **total** |'))
  t.ok(total !== undefined, 'it has a totals line')
  const cells = (total ?? '').split('|').map((c) => c.trim().replace(/\*/g, ''))
  // | **total** | | requests | faults | failures | lost | duplicates | unexpected 5xx | hung | bypasses | |
  t.ok(Number(cells[3]) > 0, 'requests were sent')
  t.same(cells.slice(5, 11), ['0', '0', '0', '0', '0', '0'], 'no failures, lost messages, duplicates, unexpected 5xx, hung requests or bypasses')
})
