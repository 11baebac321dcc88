// The server as its own process on a free port (server.ts, or cli.ts with `serve`), with only the test's
// environment, for the end-to-end tests that need a real port, signals or an exporter of their own.
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EnvSource } from '../../lib/config/load-config.js'
import { testEnv } from '../helper.js'
import { freePort } from '../free-port.js'
import { typescriptLoader } from './ts-loader.js'

const ROOT = join(import.meta.dirname, '..', '..')

export function get (port: number, path: string): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

export interface ServerProcess {
  port: number
  logs: () => string
  exited: Promise<{ code: number | null, at: number }>
  signal: (name: NodeJS.Signals) => void
  running: () => boolean
}

// Starts an entry point (server.ts, or cli.ts with `serve`) as its own process with only the test's
// environment, and waits until it listens.
export async function startProcess (t: { teardown: (fn: () => unknown) => void }, args: string[], env: EnvSource = {}): Promise<ServerProcess> {
  const port = await freePort()
  const loader = typescriptLoader()
  const child = spawn(process.execPath, [...loader.args, ...args], {
    cwd: ROOT,
    env: {
      ...loader.env,
      ...testEnv({ LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', ...env }),
      // Autoload loads .ts plugins only when told it runs under a TypeScript loader.
      FASTIFY_AUTOLOAD_TYPESCRIPT: '1'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let logs = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => { logs += chunk })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => { logs += chunk })
  const exited = new Promise<{ code: number | null, at: number }>((resolve) => {
    child.on('exit', (code) => resolve({ code, at: Date.now() }))
  })
  for (let i = 0; i < 600 && !logs.includes('Server listening') && child.exitCode === null; i++) await sleep(100)
  return { port, logs: () => logs, exited, signal: (name: NodeJS.Signals) => child.kill(name), running: () => child.exitCode === null }
}
