import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'tap'
import { parse, stringify } from 'yaml'
import { OPS, readAlertRules } from '../support/ops-files.js'
import { installed, run } from '../support/tools.js'

// The checklist's monitoring thresholds (seed PRODUCTION_READINESS.md): alert name, warning, critical.
const THRESHOLDS: Array<[string, number, number]> = [
  ['HighErrorRate', 0.01, 0.05],
  ['HighP99Latency', 0.5, 1],
  ['HighCpuUsage', 0.7, 0.9],
  ['HighMemoryUsage', 0.8, 0.95],
  ['HighMongoDBConnections', 80, 95],
  ['HighRedisMemory', 1024 ** 3, 2 * 1024 ** 3]
]

const rules = readAlertRules()

// The value an alert compares against: its expression ends in `> number`.
function threshold (expr: string): number | undefined {
  const match = /> *([\d.e+]+)\s*$/.exec(expr)
  return match === null ? undefined : Number(match[1])
}

test('every threshold of the checklist is a warning/critical pair with the table\'s values', async (t) => {
  for (const [alert, warning, critical] of THRESHOLDS) {
    const pair = rules.filter((rule) => rule.alert === alert)
    t.same(pair.map((rule) => rule.labels.severity).sort(), ['critical', 'warning'], `${alert}: one warning and one critical`)
    t.equal(threshold(pair.find((rule) => rule.labels.severity === 'warning')?.expr ?? ''), warning, `${alert} warns above ${warning}`)
    t.equal(threshold(pair.find((rule) => rule.labels.severity === 'critical')?.expr ?? ''), critical, `${alert} pages above ${critical}`)
  }
  t.equal(rules.length, THRESHOLDS.length * 2, 'no other rule')
})

test('every alert waits out blips and says what happened and what to do', async (t) => {
  for (const rule of rules) {
    t.match(rule.for, /^\d+m$/, `${rule.alert} (${rule.labels.severity}) fires only after a while`)
    t.ok((rule.annotations.summary ?? '').length > 20, `${rule.alert} (${rule.labels.severity}) has a summary`)
    t.ok((rule.annotations.description ?? '').length > 20, `${rule.alert} (${rule.labels.severity}) has a description`)
    t.ok((rule.annotations.runbook ?? '').length > 80, `${rule.alert} (${rule.labels.severity}) has runbook text`)
  }
})

test('promtool accepts the rules', { skip: installed('promtool') ? false : 'promtool is not installed (Debian package prometheus)' }, async (t) => {
  const result = run('promtool', ['check', 'rules', OPS.alerts])
  t.equal(result.status, 0, result.output)
  t.match(result.output, `SUCCESS: ${rules.length} rules found`)
})

test('the rules fire at the thresholds and not below (promtool test rules)', { skip: installed('promtool') ? false : 'promtool is not installed (Debian package prometheus)' }, async (t) => {
  // promtool compares annotations too; the unit tests are about when each rule fires, so they run on a
  // copy of the rules without annotations (`promtool check rules` above checks their templates).
  const dir = mkdtempSync(join(tmpdir(), 'alerts-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const alerts = parse(readFileSync(OPS.alerts, 'utf8')) as { groups: Array<{ rules: Array<Record<string, unknown>> }> }
  for (const group of alerts.groups) for (const rule of group.rules) delete rule.annotations
  writeFileSync(join(dir, 'alerts.yml'), stringify(alerts))
  const unitTests = parse(readFileSync(fileURLToPath(new URL('alerts.promtool.yml', import.meta.url)), 'utf8')) as Record<string, unknown>
  writeFileSync(join(dir, 'tests.yml'), stringify({ ...unitTests, rule_files: ['alerts.yml'] }))

  const result = run('promtool', ['test', 'rules', 'tests.yml'], dir)
  t.equal(result.status, 0, result.output)
  t.match(result.output, 'SUCCESS')
})
