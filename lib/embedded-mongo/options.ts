// The embedding API's types (see the module boundaries brief): shared by index.ts, the server and the CLI.
export interface EmbeddedMongoUser { username: string, password: string }

export interface EmbeddedMongoLogger {
  info (msg: string): void
  warn (msg: string): void
  error (msg: string): void
}

export interface EmbeddedMongoOptions {
  port?: number
  host?: string
  dataDir?: string
  users?: EmbeddedMongoUser[]
  logger?: EmbeddedMongoLogger
  // How often expired TTL documents are removed (MongoDB: 60 s). Tests shorten it.
  ttlSweepIntervalMs?: number
  // Journal size after which a snapshot replaces it.
  compactThresholdBytes?: number
}

export interface EmbeddedMongo {
  uri: string
  port: number
  host: string
  close (): Promise<void>
}

export const silentLogger: EmbeddedMongoLogger = {
  info () {},
  warn () {},
  error () {}
}
