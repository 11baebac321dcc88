import { test } from 'tap'
import { classifyAuditReport, classifySignatures } from '../../../lib/audit/classify.js'

const report = (vulnerabilities: Record<string, number>): string => JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities } })

test('npm audit report: high or critical advisories fail, lower ones pass with a count', async (t) => {
  t.same(classifyAuditReport(report({ info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 }), ''), { result: 'passed', detail: 'no vulnerabilities' })
  t.same(classifyAuditReport(report({ low: 1, moderate: 2, high: 0, critical: 0, total: 3 }), ''), { result: 'passed', detail: '3 below high severity' })
  t.match(classifyAuditReport(report({ low: 0, moderate: 0, high: 2, critical: 1, total: 3 }), ''), { result: 'failed', detail: /1 critical and 2 high/ })
})

test('npm audit report: no report means the registry did not answer', async (t) => {
  t.same(classifyAuditReport('', 'npm error code ENOTFOUND\nnpm error network request to https://registry.npmjs.org/ failed'),
    { result: 'unreachable', detail: 'request to https://registry.npmjs.org/ failed' })
  t.same(classifyAuditReport(JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' }), ''),
    { result: 'unreachable', detail: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' })
  t.same(classifyAuditReport('', ''), { result: 'unreachable', detail: 'npm audit printed no report' })
})

test('npm audit signatures: verified, invalid, or not reachable', async (t) => {
  t.same(classifySignatures(0, 'audited 412 packages in 2s\n\n412 packages have verified registry signatures'), { result: 'passed', detail: '412 packages verified' })
  t.same(classifySignatures(1, '1 package has an invalid registry signature:\n\nfoo@1.0.0'), { result: 'failed', detail: 'see npm\'s report above' })
  t.same(classifySignatures(1, 'npm error network This is a problem related to network connectivity.'), { result: 'unreachable', detail: 'This is a problem related to network connectivity.' })
})
