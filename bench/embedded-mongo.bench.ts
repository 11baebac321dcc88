// The embedded server's targets from issue 2, measured through the official driver on 100,000
// documents: point reads by _id and by a unique index, a page from a compound index, and single-document
// insert throughput in memory and with a journaled data directory. The server runs as `acai mongo` in
// its own process, as a database would, so the driver's own CPU cost does not count against it; one
// extra figure shows inserts with the server embedded in the caller's process, as `npm start` runs it.
//
// Insert throughput depends on the client as much as on the server: one Node thread running the driver
// tops out below 10,000 inserts/s even against a server that does nothing (bench/null-mongo-server.ts),
// so every insert row names its client setting, the same load is run against that null server as the
// ceiling, and the targets are judged on the setting a deployed service has: several client threads or
// processes sharing the load.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient, ObjectId } from 'mongodb'
import { startEmbeddedMongo } from '../lib/embedded-mongo/index.js'
import { median, percentile, printFigures, type BenchFigure } from './index.js'
import { describeLoad, measureInsertRate, runInserts, type InsertLoad } from './insert-load.js'
import { startServerProcess, type RunningServer } from './server-process.js'

const DOCUMENTS = 100_000
const OWNERS = 1_000
const LOAD_BATCH = 1_000
const READ_SAMPLES = 2_000
const PAGE_SAMPLES = 500
const WARMUP = 200
const INSERTS = 30_000
const SEQUENTIAL_INSERTS = 3_000
// 32 requests in flight over 32 pooled connections, as a Fastify service under load sends them: from
// one client thread, and split over two client threads (two service workers on this 2-core machine).
const ONE_CLIENT: InsertLoad = { inFlight: 32, maxPoolSize: 32, clients: 1 }
const TWO_CLIENTS: InsertLoad = { inFlight: 32, maxPoolSize: 16, clients: 2 }

interface Note { _id: ObjectId, email: string, ownerId: string, updatedAt: Date, title: string, body: string }

const under = (limit: number) => ({ label: `< ${limit} ms median`, met: (value: number) => value < limit })
const atLeast = (rate: number) => ({ label: `>= ${rate.toLocaleString('en-US')}/s`, met: (value: number) => value >= rate })

function makeNote (i: number): Note {
  return {
    _id: new ObjectId(),
    email: `user${i}@example.com`,
    ownerId: `owner${i % OWNERS}`,
    updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
    title: `note ${i}`,
    body: 'x'.repeat(200)
  }
}

async function timeEach (samples: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run(i)
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const started = performance.now()
    await run(i)
    times.push(performance.now() - started)
  }
  return times
}

async function insertRow (uri: string, kind: string, load: InsertLoad, target?: BenchFigure['target']): Promise<BenchFigure> {
  const value = await measureInsertRate(uri, 'bench', 'inserts', INSERTS, load)
  return { name: `insertOne, ${kind}, ${describeLoad(load)}`, value, unit: '/s', ...(target === undefined ? {} : { target }) }
}

async function sequentialRow (client: MongoClient, kind: string): Promise<BenchFigure> {
  const started = performance.now()
  await runInserts(client.db('bench').collection('inserts'), SEQUENTIAL_INSERTS, 1)
  return { name: `insertOne, ${kind}, one at a time`, value: SEQUENTIAL_INSERTS / ((performance.now() - started) / 1000), unit: '/s' }
}

const startAcaiMongo = (dataDir?: string) => (): Promise<RunningServer> =>
  startServerProcess('cli.ts', ['mongo', '--port', '0', ...(dataDir === undefined ? [] : ['--data-dir', dataDir])])

async function withServer<T> (start: () => Promise<Pick<RunningServer, 'uri' | 'close'>>, fn: (client: MongoClient, uri: string) => Promise<T>): Promise<T> {
  const server = await start()
  const client = new MongoClient(server.uri)
  try {
    await client.connect()
    return await fn(client, server.uri)
  } finally {
    await client.close()
    await server.close()
  }
}

export default async function embeddedMongoBench (): Promise<void> {
  const figures: BenchFigure[] = []

  await withServer(startAcaiMongo(), async (client, uri) => {
    const notes = client.db('bench').collection<Note>('notes')
    await notes.createIndex({ email: 1 }, { unique: true })
    await notes.createIndex({ ownerId: 1, updatedAt: -1 })
    const ids: ObjectId[] = []
    const loadStarted = performance.now()
    for (let start = 0; start < DOCUMENTS; start += LOAD_BATCH) {
      const batch = Array.from({ length: LOAD_BATCH }, (_, k) => makeNote(start + k))
      for (const note of batch) ids.push(note._id)
      await notes.insertMany(batch, { ordered: false })
    }
    figures.push({ name: `load ${DOCUMENTS.toLocaleString('en-US')} docs (insertMany x${LOAD_BATCH})`, value: (performance.now() - loadStarted) / 1000, unit: 's' })

    const pick = (i: number): number => (i * 7919) % DOCUMENTS
    const byId = await timeEach(READ_SAMPLES, (i) => notes.findOne({ _id: ids[pick(i)] }))
    figures.push({ name: 'find by _id', value: median(byId), unit: 'ms', target: under(1) })
    figures.push({ name: 'find by _id p95', value: percentile(byId, 95), unit: 'ms' })
    const byEmail = await timeEach(READ_SAMPLES, (i) => notes.findOne({ email: `user${pick(i)}@example.com` }))
    figures.push({ name: 'find by unique email', value: median(byEmail), unit: 'ms', target: under(1) })
    figures.push({ name: 'find by unique email p95', value: percentile(byEmail, 95), unit: 'ms' })
    const page = await timeEach(PAGE_SAMPLES, (i) =>
      notes.find({ ownerId: `owner${(i * 31) % OWNERS}` }).sort({ ownerId: 1, updatedAt: -1 }).limit(20).toArray())
    figures.push({ name: 'page of 20 {ownerId, updatedAt:-1}', value: median(page), unit: 'ms', target: under(5) })
    figures.push({ name: 'page of 20 p95', value: percentile(page, 95), unit: 'ms' })

    figures.push(await insertRow(uri, 'memory', TWO_CLIENTS, atLeast(10_000)))
    figures.push(await insertRow(uri, 'memory', ONE_CLIENT))
    figures.push(await sequentialRow(client, 'memory'))
  })

  const dataDir = await mkdtemp(join(tmpdir(), 'acai-bench-mongo-'))
  try {
    await withServer(startAcaiMongo(dataDir), async (client, uri) => {
      figures.push(await insertRow(uri, 'data dir', TWO_CLIENTS, atLeast(3_000)))
      figures.push(await insertRow(uri, 'data dir', ONE_CLIENT))
      figures.push(await sequentialRow(client, 'data dir'))
    })
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }

  await withServer(startEmbeddedMongo, async (_client, uri) => {
    figures.push(await insertRow(uri, 'memory in-process', ONE_CLIENT))
  })

  await withServer(() => startServerProcess('bench/null-mongo-server.ts', []), async (_client, uri) => {
    figures.push(await insertRow(uri, 'ceiling: null server', TWO_CLIENTS))
    figures.push(await insertRow(uri, 'ceiling: null server', ONE_CLIENT))
  })

  printFigures(`embedded MongoDB server, ${DOCUMENTS.toLocaleString('en-US')} documents, official driver, ${INSERTS.toLocaleString('en-US')} timed inserts per row after a warm-up`, figures)
}
