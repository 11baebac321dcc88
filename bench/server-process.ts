// Starts a MongoDB-wire server in its own Node process, as a database runs, so the driver's CPU cost in
// the bench process does not count against it. The child prints a line with its mongodb:// URI when
// ready and stops on SIGTERM. A TypeScript script runs under tsx; a compiled one (dist/cli.js, as
// `npm run load` uses) runs on plain node, so no loader thread counts against the process's memory.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface RunningServer { uri: string, pid: number, close (): Promise<void> }

const repoRoot = fileURLToPath(new URL('../', import.meta.url))

// `script` is relative to the repository root; extra `nodeArgs` go before it (e.g. --cpu-prof).
export async function startServerProcess (script: string, args: string[], nodeArgs: string[] = []): Promise<RunningServer> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : []
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const uri = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const found = /mongodb:\/\/\S+/.exec(out)
      if (found !== null) resolve(found[0])
    })
    exited.then((code) => reject(new Error(`${script} exited with ${code} before it was ready`)), reject)
  })
  return {
    uri,
    pid: child.pid ?? 0,
    close: async () => {
      child.kill('SIGTERM')
      const code = await exited
      if (code !== 0) throw new Error(`${script} exited with ${code}`)
    }
  }
}
