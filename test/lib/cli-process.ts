// Runs the real `acai` entry point (cli.ts through tsx) in a child process with exactly the given
// environment, as an operator would from a shell.
import { execFile } from 'node:child_process'
import { join } from 'node:path'

export interface CliResult { code: number, stdout: string, stderr: string }

const root = join(import.meta.dirname, '..', '..')

export function runCli (args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(root, 'cli.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 30_000
    }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1
      resolve({ code, stdout, stderr })
    })
  })
}
