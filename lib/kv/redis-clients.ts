import { createRequire } from 'node:module'
import type * as IORedis from 'ioredis'

// ioredis is a CommonJS package, loaded here through require so OpenTelemetry's ioredis instrumentation
// patches it in process (require-in-the-middle). An ESM import of it needed import-in-the-middle's loader
// hook, which runs every later import through a thread of its own: 14 MB of RSS and 240 ms of start-up
// on Node 20, 22 MB and 180 ms on Node 24 (lib/telemetry/sdk.ts no longer registers it).
const { Cluster, Redis } = createRequire(import.meta.url)('ioredis') as typeof IORedis

export interface ClusterNode { host: string, port: number }

// Timeouts of every connection, standalone or to a cluster node, so no call waits long on a dead one.
const CONNECTION_OPTIONS = {
  maxRetriesPerRequest: 1,
  commandTimeout: 1000,
  connectTimeout: 2000
} satisfies IORedis.RedisOptions

export function createRedisClient (url: string): IORedis.Redis {
  return new Redis(url, {
    ...CONNECTION_OPTIONS,
    // Commands fail at once while disconnected instead of queueing behind a dead connection.
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000)
  })
}

/**
 * Parses REDIS_CLUSTER_NODES: comma-separated `host:port` seeds (IPv6 as `[::1]:7000`). The client learns
 * the rest of the cluster from any seed that answers. Throws naming the bad entry.
 */
export function parseClusterNodes (value: string): ClusterNode[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  if (entries.length === 0) throw new Error('REDIS_CLUSTER_NODES: expected comma-separated host:port entries')
  return entries.map((entry) => {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]/\s@]+):(\d{1,5})$/.exec(entry)
    const port = Number(match?.[2])
    if (match?.[1] === undefined || port < 1 || port > 65535) {
      throw new Error(`REDIS_CLUSTER_NODES: '${entry}' is not host:port`)
    }
    return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port }
  })
}

// The Cluster client owns its node connections' queueing and reconnection (a dead node is dropped when
// the slot map is re-read), so only the timeouts are passed down to them.
export function createClusterClient (nodes: ClusterNode[]): IORedis.Cluster {
  return new Cluster(nodes, {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    // A command to a master that just died is retried on the refreshed slot map a few times (a replica
    // takes over within cluster-node-timeout), then fails and that call degrades to memory: a request
    // waits at most about a second on a failover, never for the whole outage.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    maxRedirections: 4,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 250, 5000),
    slotsRefreshTimeout: 1000,
    // The slot map is also re-read periodically, so /health sees a failover even without traffic.
    slotsRefreshInterval: 5000,
    redisOptions: CONNECTION_OPTIONS
  })
}
