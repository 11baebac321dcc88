// The embedded server's targets from issue 2, measured through the official driver on 100,000
// documents: point reads by _id and by a unique index, a page from a compound index, and single-document
// insert throughput in memory and with a journaled data directory. The server runs as `acai mongo` in
// its own process, as a database would, so the driver's own CPU cost does not count against it; one
// extra figure shows inserts with the server embedded in the caller's process, as `npm start` runs it.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MongoClient, ObjectId, type Collection, type Document } from 'mongodb'
import { startEmbeddedMongo } from '../lib/embedded-mongo/index.js'
import { median, percentile, printFigures, type BenchFigure } from './index.js'

const DOCUMENTS = 100_000
const OWNERS = 1_000
const LOAD_BATCH = 1_000
const READ_SAMPLES = 2_000
const PAGE_SAMPLES = 500
const WARMUP = 200
const INSERTS = 20_000
const SEQUENTIAL_INSERTS = 3_000
// Several requests in flight, as a Fastify service under load sends them over its connection pool.
const INSERT_CONCURRENCY = 32

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

async function insertRate (collection: Collection<Document>, total: number, concurrency: number): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++
      await collection.insertOne({ n: next, at: new Date(), title: 'single insert', tags: ['a', 'b'] })
    }
  }))
  return total / ((performance.now() - started) / 1000)
}

interface RunningServer { uri: string, close (): Promise<void> }

async function startServerProcess (dataDir: string | undefined): Promise<RunningServer> {
  const repoRoot = fileURLToPath(new URL('../', import.meta.url))
  const args = ['--import', 'tsx', 'cli.ts', 'mongo', '--port', '0', ...(dataDir === undefined ? [] : ['--data-dir', dataDir])]
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const uri = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const line = out.split('\n').find((l) => l.includes('mongodb://'))
      if (line !== undefined) resolve(line.trim())
    })
    exited.then((code) => reject(new Error(`acai mongo exited with ${code} before it was ready`)), reject)
  })
  return {
    uri,
    close: async () => {
      child.kill('SIGTERM')
      const code = await exited
      if (code !== 0) throw new Error(`acai mongo exited with ${code}`)
    }
  }
}

async function startInProcess (): Promise<RunningServer> {
  return startEmbeddedMongo()
}

async function withServer<T> (start: () => Promise<RunningServer>, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const server = await start()
  const client = new MongoClient(server.uri, { maxPoolSize: INSERT_CONCURRENCY })
  try {
    await client.connect()
    return await fn(client)
  } finally {
    await client.close()
    await server.close()
  }
}

export default async function embeddedMongoBench (): Promise<void> {
  const figures: BenchFigure[] = []

  await withServer(() => startServerProcess(undefined), async (client) => {
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

    const inserts = client.db('bench').collection('inserts')
    figures.push({ name: `insertOne, memory, ${INSERT_CONCURRENCY} in flight`, value: await insertRate(inserts, INSERTS, INSERT_CONCURRENCY), unit: '/s', target: atLeast(10_000) })
    figures.push({ name: 'insertOne, memory, one at a time', value: await insertRate(inserts, SEQUENTIAL_INSERTS, 1), unit: '/s' })
  })

  const dataDir = await mkdtemp(join(tmpdir(), 'acai-bench-mongo-'))
  try {
    await withServer(() => startServerProcess(dataDir), async (client) => {
      const inserts = client.db('bench').collection('inserts')
      figures.push({ name: `insertOne, data dir, ${INSERT_CONCURRENCY} in flight`, value: await insertRate(inserts, INSERTS, INSERT_CONCURRENCY), unit: '/s', target: atLeast(3_000) })
      figures.push({ name: 'insertOne, data dir, one at a time', value: await insertRate(inserts, SEQUENTIAL_INSERTS, 1), unit: '/s' })
    })
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }

  await withServer(startInProcess, async (client) => {
    const inserts = client.db('bench').collection('inserts')
    figures.push({ name: `insertOne, memory, ${INSERT_CONCURRENCY} in flight, in-process`, value: await insertRate(inserts, INSERTS, INSERT_CONCURRENCY), unit: '/s' })
  })

  printFigures(`embedded MongoDB server, ${DOCUMENTS.toLocaleString('en-US')} documents, official driver`, figures)
}
