// `npm run smoke` (`make smoke`): checks a running server the way the checklist's verification steps do,
// one line per step, exit code 1 on any failure. BASE_URL (default http://localhost:8080) and API_KEY (a
// key with the chat and metrics scopes) say which server; with MONGODB_URI (and MONGODB_DB) set to the
// server's database it also checks migrations and indexes.
import { createSmokeClient } from '../lib/smoke/client.js'
import { checkIndexes } from '../lib/smoke/indexes.js'
import { runSmoke } from '../lib/smoke/run.js'

const baseUrl = process.env.BASE_URL ?? 'http://localhost:8080'
const mongoUri = process.env.MONGODB_URI
const database = process.env.MONGODB_DB ?? 'acai'

process.stdout.write(`Smoke test against ${baseUrl}\n`)
runSmoke({
  request: createSmokeClient({ baseUrl }),
  apiKey: process.env.API_KEY,
  ...(mongoUri === undefined || mongoUri === '' ? {} : { checkIndexes: () => checkIndexes(mongoUri, database) })
}, (line) => { process.stdout.write(line + '\n') }).then(
  (code) => { process.exitCode = code },
  (err: unknown) => {
    process.stderr.write(`smoke: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
