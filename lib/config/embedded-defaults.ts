// The one start-up line of DESIGN.md 2: which embedded defaults stand in for unconfigured services.
export interface DeploymentModes {
  mongoMode: 'embedded' | 'external'
  kvMode: 'embedded' | 'redis'
  /** The assistant's provider; 'offline' means no language model is configured. */
  provider: string
  dataDir?: string
}

export function describeEmbeddedDefaults ({ mongoMode, kvMode, provider, dataDir }: DeploymentModes): Record<string, string> {
  const inUse: Record<string, string> = {}
  if (mongoMode === 'embedded') {
    inUse.mongodb = dataDir === undefined
      ? 'embedded MongoDB-compatible server, data in memory (set MONGODB_URI)'
      : `embedded MongoDB-compatible server, journaled to ${dataDir} (set MONGODB_URI)`
  }
  if (kvMode === 'embedded') inUse.redis = 'in-process cache and rate-limit store, not shared between instances (set REDIS_URL or REDIS_CLUSTER_NODES)'
  if (provider === 'offline') inUse.model = 'offline assistant: date, time, time-zone, holiday and weather questions only, no language model'
  return inUse
}
