// Reads the outcome of the `npm audit` runs of the security scan: a clean pass, a finding
// (vulnerabilities or unverified signatures), or no answer because the registry could not be reached.
// The last must neither pass for a clean scan nor read like a finding: the operator has to know the scan
// did not run.
export type AuditOutcome = { result: 'passed' | 'failed' | 'unreachable', detail: string }

// npm's own wording for a registry it could not talk to (DNS, proxy, refused, timed out, TLS), and for an
// audit endpoint that answered with an error status instead of a report.
const UNREACHABLE = [
  /request to \S+ failed/, /audit endpoint returned an error/, /\bENOTFOUND\b/, /\bEAI_AGAIN\b/, /\bECONNREFUSED\b/, /\bECONNRESET\b/, /\bETIMEDOUT\b/, /\bUNABLE_TO_GET_ISSUER_CERT/,
  /npm (?:error|ERR!) network/
]

// The most telling line: which request failed, else the error code.
function unreachable (output: string): string {
  const lines = output.split('\n')
  for (const pattern of UNREACHABLE) {
    const line = lines.find((candidate) => pattern.test(candidate))
    if (line !== undefined) return line.replace(/^npm (?:error|ERR!) (?:network )?/, '').trim()
  }
  return ''
}

interface AuditReport { metadata?: { vulnerabilities?: Record<string, number> }, message?: string, error?: { summary?: string } }

/** `npm audit --omit=dev --json`: fails on any high or critical advisory. */
export function classifyAuditReport (stdout: string, stderr: string): AuditOutcome {
  let report: AuditReport
  try {
    report = JSON.parse(stdout) as AuditReport
  } catch {
    return { result: 'unreachable', detail: unreachable(stderr) || 'npm audit printed no report' }
  }
  const counts = report.metadata?.vulnerabilities
  if (counts === undefined) return { result: 'unreachable', detail: report.message ?? report.error?.summary ?? unreachable(stderr) }
  const high = (counts.high ?? 0) + (counts.critical ?? 0)
  const total = counts.total ?? Object.values(counts).reduce((sum, n) => sum + n, 0)
  if (high > 0) return { result: 'failed', detail: `${counts.critical ?? 0} critical and ${counts.high ?? 0} high severity vulnerabilities (run npm audit --omit=dev for the report)` }
  return { result: 'passed', detail: total === 0 ? 'no vulnerabilities' : `${total} below high severity` }
}

/** `npm audit signatures`: exit 0 when every signature verified. */
export function classifySignatures (exitCode: number, output: string): AuditOutcome {
  const verified = /audited (\d+) packages?/.exec(output)?.[1]
  if (exitCode === 0) return { result: 'passed', detail: verified === undefined ? 'verified' : `${verified} packages verified` }
  if (UNREACHABLE.some((pattern) => pattern.test(output))) return { result: 'unreachable', detail: unreachable(output) }
  return { result: 'failed', detail: 'see npm\'s report above' }
}
