import { startEmbeddedMongo, type EmbeddedMongoLogger } from '../embedded-mongo/index.js'

export interface MongoTarget {
  uri: string
  /** 'embedded' when no MONGODB_URI is configured and the in-process server was started. */
  mode: 'external' | 'embedded'
  /** Stops the embedded server; nothing to do for an external one. */
  close (): Promise<void>
}

export interface MongoTargetConfig { MONGODB_URI?: string, DATA_DIR?: string }

// Where the driver connects: the configured MongoDB, or the embedded MongoDB-compatible server
// (DESIGN.md 2 and 9) on a free loopback port. The app talks to both through the same driver code.
export async function resolveMongoTarget (config: MongoTargetConfig, logger?: EmbeddedMongoLogger): Promise<MongoTarget> {
  if (config.MONGODB_URI !== undefined) {
    return { uri: config.MONGODB_URI, mode: 'external', close: async () => {} }
  }
  const embedded = await startEmbeddedMongo({ host: '127.0.0.1', port: 0, dataDir: config.DATA_DIR, logger })
  return { uri: embedded.uri, mode: 'embedded', close: () => embedded.close() }
}
