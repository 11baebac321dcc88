// The two servers `npm run load` compares, each in its own process: the service as `npm start` runs it
// (compiled dist/server.js, embedded defaults, JSON request logs, tracing on) and bare Fastify.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../test/free-port.js'
import { startServerProcess } from '../server-process.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export const LOAD_API_KEY = 'load-test-api-key-0123456789abcdef'

export interface ServerProcess {
  name: string
  port: number
  pid: number
  stop (): Promise<void>
}

async function waitForPort (child: ChildProcess, pattern: RegExp, name: string): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const found = pattern.exec(out)
      if (found?.[1] !== undefined) resolve(Number(found[1]))
    })
    child.once('exit', (code) => reject(new Error(`${name} exited (${String(code)}) before listening:\n${out.slice(-2000)}`)))
  })
}

function handle (name: string, child: ChildProcess, port: number): ServerProcess {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    name,
    port,
    pid: child.pid ?? 0,
    stop: async () => { child.kill('SIGTERM'); await exited }
  }
}

export async function startBare (): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load/bare-server.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  return handle('bare Fastify', child, await waitForPort(child, /listening (\d+)/, 'bare Fastify'))
}

/**
 * `acai mongo` (the embedded server) in a process of its own on a free port, for `--db-process`: the stored
 * data and the database's CPU then stay out of the service's figures, as with a real MongoDB. Its URI (with
 * the database named) is what the service gets as MONGODB_URI.
 */
export async function startDatabase (): Promise<{ uri: string, pid: number, stop: () => Promise<void> }> {
  const server = await startServerProcess('dist/cli.js', ['mongo', '--port', '0'])
  return { uri: `mongodb://127.0.0.1:${new URL(server.uri).port}/acai-load?directConnection=true`, pid: server.pid, stop: server.close }
}

/**
 * What `npm run load` and the soak pass on to the service from their own environment; with `--db-process`,
 * the database process's URI in place of MONGODB_URI.
 */
export function passedEnvironment (database?: { uri: string }): Record<string, string> {
  const passed = Object.fromEntries(['OTEL_SDK_DISABLED', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG', 'MONGODB_URI']
    .flatMap((name) => process.env[name] === undefined ? [] : [[name, process.env[name] ?? '']]))
  return database === undefined ? passed : { ...passed, MONGODB_URI: database.uri }
}

export async function startService (env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      API_KEY: LOAD_API_KEY,
      // Both limits stay on (every request is counted) with allowances the load cannot reach.
      RATE_LIMIT_MAX: '1000000000',
      RATE_LIMIT_KEY_MAX: '1000000000',
      ...env
    },
    // The JSON request log is written, as in production, to /dev/null.
    stdio: ['ignore', 'ignore', 'inherit']
  })
  let exited = false
  child.once('exit', () => { exited = true })
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error('the service exited before it answered /health')
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((res) => res.ok, () => false)
    if (ok) return handle('service', child, port)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error('the service did not answer /health within 30 s')
}

/** The process's resident set size in bytes (Linux /proc), or NaN where it cannot be read. */
export async function rssOf (pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]
    return kb === undefined ? Number.NaN : Number(kb) * 1024
  } catch {
    return Number.NaN
  }
}

/**
 * CPU time (user + system) the process has used so far, in seconds, from Linux /proc (NaN elsewhere). On a
 * shared machine throughput swings with the neighbours' load; the CPU a request costs swings far less.
 */
export async function cpuSecondsOf (pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks
    // (USER_HZ, 100 on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

/** Samples the RSS every 250 ms until stopped; resolves to the peak. */
export function rssPeak (pid: number): { stop: () => Promise<number> } {
  let peak = 0
  const state = { running: true }
  const loop = (async () => {
    while (state.running) {
      const rss = await rssOf(pid)
      if (rss > peak) peak = rss
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  })()
  return { stop: async () => { state.running = false; await loop; return peak } }
}
