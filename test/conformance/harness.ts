import { randomBytes } from 'node:crypto'
import {
  MongoClient, type Binary, type Collection, type Db, type Decimal128, type Document, type Long, type MongoClientOptions, type ObjectId
} from 'mongodb'

// The conformance suite talks to "a MongoDB" only through the official driver: the embedded server by
// default, or the server named by MONGODB_URI, so the same assertions pin the embedded server to real
// MongoDB 7 behaviour. Nothing in the tests may depend on which one answers.

/** The _id types the suite uses; the driver's default schema would assume ObjectId only. */
export type IdValue = ObjectId | string | number | boolean | Date | Long | Decimal128 | Binary | Document | null

/** A document whose _id may be of any of those types. */
export interface Doc extends Document { _id?: IdValue }

export interface TeardownTarget { teardown (fn: () => unknown): void }

export interface Conformance {
  uri: string
  /** True when MONGODB_URI points the suite at an external server. */
  external: boolean
  client: MongoClient
  /** A database of its own for this test file (random suffix), dropped at teardown. */
  db: Db
  dbName: string
  /** A collection of `db` typed for documents with any kind of _id. */
  coll (name: string): Collection<Doc>
  /** Another client on the same server, closed at teardown (concurrency, command monitoring). */
  newClient (options?: MongoClientOptions): Promise<MongoClient>
  /**
   * How long a test may wait for the TTL monitor to remove expired documents: the embedded server is
   * started with a fast sweeper, a real mongod sweeps every 60 s.
   */
  ttlDeadlineMs: number
}

export const externalUri: string | undefined = process.env.MONGODB_URI === '' ? undefined : process.env.MONGODB_URI

export const isExternal = externalUri !== undefined

const clientDefaults: MongoClientOptions = { serverSelectionTimeoutMS: 5000 }

export function uniqueName (prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`
}

interface ServerUnderTest { uri: string, close: () => Promise<void>, ttlDeadlineMs: number }

const EMBEDDED_TTL_SWEEP_MS = 200

async function startServer (): Promise<ServerUnderTest> {
  if (externalUri !== undefined) {
    return { uri: externalUri, close: async () => {}, ttlDeadlineMs: 75_000 }
  }
  // Imported lazily so a run against MONGODB_URI never loads the embedded server.
  const { startEmbeddedMongo } = await import('../../lib/embedded-mongo/index.js')
  const server = await startEmbeddedMongo({ ttlSweepIntervalMs: EMBEDDED_TTL_SWEEP_MS })
  return { uri: server.uri, close: () => server.close(), ttlDeadlineMs: 5_000 }
}

export async function connect (t: TeardownTarget, area: string): Promise<Conformance> {
  const server = await startServer()
  const clients: MongoClient[] = []
  const open = async (options?: MongoClientOptions): Promise<MongoClient> => {
    const client = new MongoClient(server.uri, { ...clientDefaults, ...options })
    clients.push(client)
    await client.connect()
    return client
  }
  const client = await open()
  const dbName = uniqueName(`conf_${area}`)
  const db = client.db(dbName)

  t.teardown(async () => {
    try {
      await db.dropDatabase()
    } finally {
      await Promise.all(clients.map(c => c.close()))
      await server.close()
    }
  })

  const coll = (name: string): Collection<Doc> => db.collection<Doc>(name)
  return { uri: server.uri, external: isExternal, client, db, dbName, coll, newClient: open, ttlDeadlineMs: server.ttlDeadlineMs }
}
