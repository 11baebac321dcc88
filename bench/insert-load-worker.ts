// One client thread of the insert load (see insert-load.ts): reports when its pool is warm, runs its
// share when told to go, reports when it started and finished, and exits.
import { parentPort, workerData } from 'node:worker_threads'
import { insertJob, type InsertJob } from './insert-load.js'

const port = parentPort
if (port === null) throw new Error('insert-load-worker must run as a worker thread')
const go = new Promise<void>((resolve) => port.once('message', () => resolve()))
insertJob(workerData as InsertJob, () => port.postMessage({ ready: true }), go).then(
  (span) => port.postMessage({ span }),
  (err: unknown) => { throw err }
)
