// Single-document insert load through the official driver: `inFlight` insertOne calls outstanding at
// any moment, spread over `clients` MongoClients (each with its own pool of `maxPoolSize` connections)
// that run on their own worker threads when there is more than one, as several service processes or
// threads would. The pools are warmed up before the clock starts, as they are in a running service.
import { Worker } from 'node:worker_threads'
import { MongoClient, type Collection, type Document } from 'mongodb'

export interface InsertLoad { inFlight: number, maxPoolSize: number, clients: number }

export interface InsertJob { uri: string, db: string, collection: string, total: number, warmup: number, inFlight: number, maxPoolSize: number }

export function describeLoad (load: InsertLoad): string {
  if (load.clients === 1) return `${load.inFlight} in flight, 1 client, maxPoolSize ${load.maxPoolSize}`
  return `${load.inFlight} in flight, ${load.clients} client threads, maxPoolSize ${load.maxPoolSize} each`
}

export async function runInserts (collection: Collection<Document>, total: number, inFlight: number): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < total) {
      next++
      await collection.insertOne({ n: next, at: new Date(), title: 'single insert', tags: ['a', 'b'] })
    }
  }))
}

export interface TimedSpan { start: number, end: number }

// Wall-clock milliseconds comparable across worker threads.
const now = (): number => performance.timeOrigin + performance.now()

// Connects, warms the pool, then runs the timed part when `go` resolves.
export async function insertJob (job: InsertJob, ready: () => void, go: Promise<void>): Promise<TimedSpan> {
  const client = new MongoClient(job.uri, { maxPoolSize: job.maxPoolSize })
  try {
    await client.connect()
    const collection = client.db(job.db).collection(job.collection)
    await runInserts(collection, job.warmup, job.inFlight)
    ready()
    await go
    const start = now()
    await runInserts(collection, job.total, job.inFlight)
    return { start, end: now() }
  } finally {
    await client.close()
  }
}

function startWorker (job: InsertJob): { ready: Promise<void>, done: Promise<TimedSpan>, go (): void } {
  const tsx = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./insert-load-worker.ts', import.meta.url).href
  // Worker threads do not inherit tsx's loader, so the worker registers it before loading its module.
  const source = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  const worker = new Worker(source, { eval: true, workerData: job })
  let onReady = (): void => {}
  const ready = new Promise<void>((resolve) => { onReady = resolve })
  const done = new Promise<TimedSpan>((resolve, reject) => {
    worker.on('message', (msg: { ready?: true, span?: TimedSpan }) => {
      if (msg.ready === true) onReady()
      if (msg.span !== undefined) resolve(msg.span)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`insert worker exited with ${code}`)))
  })
  done.catch(() => onReady())
  return { ready, done, go: () => worker.postMessage('go') }
}

// Inserts per second over the whole timed part, from the moment every client is warm until the last
// insert is acknowledged.
export async function measureInsertRate (uri: string, db: string, collection: string, total: number, load: InsertLoad): Promise<number> {
  const share = (i: number, of: number): number => Math.floor(of / load.clients) + (i < of % load.clients ? 1 : 0)
  const jobs: InsertJob[] = Array.from({ length: load.clients }, (_, i) => ({
    uri,
    db,
    collection,
    total: share(i, total),
    warmup: share(i, Math.min(2_000, total)),
    inFlight: share(i, load.inFlight),
    maxPoolSize: load.maxPoolSize
  }))
  let spans: TimedSpan[]
  if (load.clients === 1) {
    spans = [await insertJob(jobs[0], () => {}, Promise.resolve())]
  } else {
    const workers = jobs.map(startWorker)
    await Promise.all(workers.map((w) => w.ready))
    for (const w of workers) w.go()
    spans = await Promise.all(workers.map((w) => w.done))
  }
  const elapsed = Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start))
  return total / (elapsed / 1000)
}
