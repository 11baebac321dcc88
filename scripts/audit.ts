// `npm run audit` (`make audit`): the checklist's security scan for an npm project. `npm audit
// --omit=dev` must find no high or critical advisory in what production installs, and `npm audit
// signatures` must verify every installed package's registry signature. Exit 0 when both pass, 1 on a
// finding, 2 when the registry could not be reached, so the scan did not run.
import { spawn } from 'node:child_process'
import { classifyAuditReport, classifySignatures, type AuditOutcome } from '../lib/audit/classify.js'

function npm (args: string[], echo: boolean): Promise<{ code: number, stdout: string, stderr: string }> {
  return new Promise((resolve) => {
    // `npm run -s` would pass its silence on to the child npm, hiding the very errors this reads.
    const env = { ...process.env, npm_config_loglevel: 'warn' }
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: ['ignore', 'pipe', 'pipe'], env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); if (echo) process.stdout.write(chunk) })
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); if (echo) process.stderr.write(chunk) })
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

function report (name: string, outcome: AuditOutcome): void {
  const mark = outcome.result === 'passed' ? '✓' : '✗'
  const why = outcome.result === 'unreachable' ? `the npm registry could not be reached, so this check did not run (${outcome.detail})` : outcome.detail
  process.stdout.write(`${mark} ${name}: ${why}\n`)
}

const advisories = await npm(['audit', '--omit=dev', '--json'], false)
const vulnerabilities = classifyAuditReport(advisories.stdout, advisories.stderr)
report('no high-severity vulnerabilities in production dependencies', vulnerabilities)

const signed = await npm(['audit', 'signatures'], true)
const signatures = classifySignatures(signed.code, signed.stdout + signed.stderr)
report('every package\'s registry signature verified', signatures)

const results = [vulnerabilities.result, signatures.result]
process.exitCode = results.includes('failed') ? 1 : results.includes('unreachable') ? 2 : 0
