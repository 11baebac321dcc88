import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { typescriptLoader } from '../../support/ts-loader.js'

// Runs `acai mongo` exactly as a user would, through the repository's cli.ts, as a child process the
// tests can signal or kill.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const READY_TIMEOUT_MS = 20_000

export interface TeardownTarget { teardown (fn: () => unknown): void }

export interface MongoProcess {
  child: ChildProcess
  uri: string
  stderr: () => string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

export function runMongoCli (args: string[]): { child: ChildProcess, stdout: () => string, stderr: () => string } {
  const loader = typescriptLoader()
  const child = spawn(process.execPath, [...loader.args, 'cli.ts', 'mongo', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  return { child, stdout: () => stdout, stderr: () => stderr }
}

export async function startMongoProcess (t: TeardownTarget, args: string[]): Promise<MongoProcess> {
  const { child, stdout, stderr } = runMongoCli(args)
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URI line within ${READY_TIMEOUT_MS} ms; stderr:\n${stderr()}`)), READY_TIMEOUT_MS)
    const onData = (): void => {
      const line = stdout().split('\n').find((l) => l.includes('mongodb://'))
      if (line === undefined) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve(line.trim())
    }
    child.stdout?.on('data', onData)
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`acai mongo exited (${code ?? signal}) before it was ready; stderr:\n${stderr()}`))
    }, reject)
  })
  return { child, uri, stderr, exited }
}
