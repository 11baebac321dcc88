// Real redis-server processes on free ports for the reliability suites: one standalone node, or a local
// Redis Cluster (masters with one replica each, so a killed master fails over). Nothing is shared with the
// machine's own Redis; every process is killed when the test ends.
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { freePort } from '../free-port.js'

const run = promisify(execFile)

export const REDIS_SERVER = '/usr/bin/redis-server'
export const REDIS_CLI = '/usr/bin/redis-cli'

/** Why a suite that needs redis-server and redis-cli cannot run here, or false when it can. */
export function missingRedis (): string | false {
  const missing = [REDIS_SERVER, REDIS_CLI].filter((binary) => !existsSync(binary))
  return missing.length === 0 ? false : `needs ${missing.join(' and ')}`
}

interface Teardown { teardown (fn: () => unknown): void }

export interface RedisNode {
  port: number
  /** SIGKILLs the process (a crash: no shutdown, no save). */
  kill: () => Promise<void>
  alive: () => boolean
}

/** Runs `redis-cli -p PORT args...` and resolves to its output; rejects when the node does not answer. */
export async function redisCli (port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 5000 })
  return stdout.trim()
}

async function waitFor (what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check().catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

async function startNode (t: Teardown, dir: string, extra: string[]): Promise<RedisNode> {
  const port = await freePort()
  const child: ChildProcess = spawn(REDIS_SERVER, [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra.map((arg) => arg.replace('PORT', String(port)))
  ], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const alive = (): boolean => child.exitCode === null && child.signalCode === null
  const kill = async (): Promise<void> => {
    if (!alive()) return
    child.kill('SIGKILL')
    await exited
  }
  t.teardown(kill)
  await waitFor(`redis-server on ${port}`, async () => await redisCli(port, 'ping') === 'PONG', 10_000)
  return { port, kill, alive }
}

async function tempDir (t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'acai-redis-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** One standalone redis-server on a free port. */
export async function startRedis (t: Teardown): Promise<RedisNode & { url: string }> {
  const node = await startNode(t, await tempDir(t), [])
  return { ...node, url: `redis://127.0.0.1:${node.port}` }
}

export interface RedisCluster {
  nodes: RedisNode[]
  /** The REDIS_CLUSTER_NODES value: every node, comma-separated host:port. */
  spec: string
  /** Ports of the nodes serving slots right now, as a live node sees them. */
  masters: () => Promise<number[]>
  /** Resolves when every live node reports cluster_state:ok, `count` masters serve slots and every replica is in sync. */
  waitHealthy: (count: number, timeoutMs?: number) => Promise<void>
}

function liveMasters (nodesOutput: string): number[] {
  // CLUSTER NODES: id host:port@bus flags master-id ping pong epoch state slots...
  return nodesOutput.split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields[2]?.split(',').includes('master') === true && !(fields[2]?.includes('fail') ?? false) && fields.length > 8)
    .map((fields) => Number(fields[1]?.split(':')[1]?.split('@')[0]))
    .sort((a, b) => a - b)
}

/**
 * `masters` masters and `masters * replicas` replicas, created with `redis-cli --cluster create`. A small
 * cluster-node-timeout makes a killed master fail over to its replica within a few seconds.
 */
export async function startRedisCluster (t: Teardown, { masters = 3, replicas = 1, nodeTimeoutMs = 1000 } = {}): Promise<RedisCluster> {
  const dir = await tempDir(t)
  // Replicas sync at once (no diskless-sync delay) and may always take over, however old their data.
  const config = [
    '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes-PORT.conf'), '--cluster-node-timeout', String(nodeTimeoutMs),
    '--repl-diskless-sync-delay', '0', '--cluster-replica-validity-factor', '0'
  ]
  const nodes = await Promise.all(Array.from({ length: masters * (1 + replicas) }, () => startNode(t, dir, config)))
  const addresses = nodes.map((node) => `127.0.0.1:${node.port}`)
  await run(REDIS_CLI, ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes'], { timeout: 30_000 })

  const anyLive = (): RedisNode => {
    const node = nodes.find((n) => n.alive())
    if (node === undefined) throw new Error('no live cluster node')
    return node
  }
  const cluster: RedisCluster = {
    nodes,
    spec: addresses.join(','),
    masters: async () => liveMasters(await redisCli(anyLive().port, 'cluster', 'nodes')),
    waitHealthy: (count, timeoutMs = 30_000) => waitFor(`a healthy cluster with ${count} masters`, async () => {
      for (const node of nodes.filter((n) => n.alive())) {
        if (!(await redisCli(node.port, 'cluster', 'info')).includes('cluster_state:ok')) return false
        // A replica that has not synced yet could not take over from its master.
        const replication = await redisCli(node.port, 'info', 'replication')
        if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false
      }
      return (await cluster.masters()).length === count
    }, timeoutMs)
  }
  await cluster.waitHealthy(masters)
  return cluster
}
