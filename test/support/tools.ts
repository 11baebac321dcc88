// Optional command-line tools the ops tests use when installed (Debian: prometheus provides promtool,
// prometheus-alertmanager provides amtool; .ci/run installs them). Without one, its test is skipped.
import { execFileSync, spawnSync } from 'node:child_process'

export function installed (command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export interface RunResult { status: number | null, output: string }

export function run (command: string, args: string[], cwd?: string): RunResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}
