// Runs the real `acai` entry point (cli.ts, TypeScript loaded as test/support/ts-loader.ts says) in a child process with exactly the given
// environment, as an operator would from a shell.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { typescriptLoader } from '../support/ts-loader.js'

export interface CliResult { code: number, stdout: string, stderr: string }

const root = join(import.meta.dirname, '..', '..')

/** `input`, when given, is written to the command's stdin, which is then closed. */
export function runCli (args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const loader = typescriptLoader()
    const child = execFile(process.execPath, [...loader.args, join(root, 'cli.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...loader.env, ...env },
      timeout: 30_000
    }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1
      resolve({ code, stdout, stderr })
    })
    if (input !== undefined) child.stdin?.end(input)
  })
}
