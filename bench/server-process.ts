// Starts a MongoDB-wire server in its own Node process, as a database runs, so the driver's CPU cost in
// the bench process does not count against it. The child prints a line with its mongodb:// URI when
// ready and stops on SIGTERM.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface RunningServer { uri: string, close (): Promise<void> }

const repoRoot = fileURLToPath(new URL('../', import.meta.url))

// `script` is relative to the repository root; extra `nodeArgs` go before it (e.g. --cpu-prof).
export async function startServerProcess (script: string, args: string[], nodeArgs: string[] = []): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
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
    close: async () => {
      child.kill('SIGTERM')
      const code = await exited
      if (code !== 0) throw new Error(`${script} exited with ${code}`)
    }
  }
}
