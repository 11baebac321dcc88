import { test } from 'tap'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import { freePort } from '../free-port.js'
import { startProcess } from '../support/server-process.js'
import { startFakeLlm } from '../support/fake-llm.js'

// The server as a process, every secret given as a _FILE twin: each secret is used (MongoDB accepts the
// password, the model server receives its key), and none appears in anything the run printed or answered.
test('secrets from _FILE variables are used and never reach a log line, an answer, /health or the OpenAPI document', async (t) => {
  const token = (label: string): string => `${label}-${randomBytes(9).toString('hex')}`
  const secrets = {
    mongoPassword: token('mongo-pw'),
    redisPassword: token('redis-pw'),
    llmKey: token('sk-llm'),
    weatherKey: token('weather-key'),
    apiKey: token('acai_bootstrap')
  }
  const mongo = await startEmbeddedMongo({ users: [{ username: 'acai', password: secrets.mongoPassword }] })
  t.teardown(() => mongo.close())
  const fake = await startFakeLlm()
  t.teardown(() => fake.close())
  const dir = await mkdtemp(join(tmpdir(), 'acai-secrets-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const mongoUri = `mongodb://acai:${secrets.mongoPassword}@127.0.0.1:${mongo.port}/?directConnection=true&authSource=admin`
  const redisUri = `redis://:${secrets.redisPassword}@127.0.0.1:${await freePort()}`
  const files: Record<string, string> = { MONGODB_URI: mongoUri, REDIS_URL: redisUri, LLM_API_KEY: secrets.llmKey, WEATHER_API_KEY: secrets.weatherKey, API_KEY: secrets.apiKey }
  const env: Record<string, string | undefined> = { API_KEY: undefined, LLM_BASE_URL: fake.baseUrl, REDIS_STARTUP_WAIT_MS: '100', WEATHER_BASE_URL: 'https://127.0.0.1:9/v1' }
  for (const [name, value] of Object.entries(files)) {
    const path = join(dir, name.toLowerCase())
    await writeFile(path, `${value}\n`)
    env[`${name}_FILE`] = path
  }

  const server = await startProcess(t, ['server.ts'], env)
  const base = `http://127.0.0.1:${server.port}`
  const answers: string[] = []
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(base + path, init)
    answers.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.clone().text()}`)
    return res
  }
  const auth = { 'x-api-key': secrets.apiKey, 'content-type': 'application/json' }
  t.equal((await call('/health')).status, 200, 'degraded (Redis unreachable) but up')
  await call('/ready')
  t.equal((await call('/docs/json')).status, 200)
  t.equal((await call('/v1/conversations', { method: 'POST', headers: auth, body: JSON.stringify({ message: 'hello' }) })).status, 201, 'MongoDB accepted the password from the file')
  t.equal(fake.calls[0]?.headers.authorization, `Bearer ${secrets.llmKey}`, 'the model server got the key from the file')
  await call('/v1/conversations', { method: 'POST', headers: auth, body: '{"broken' })
  await call('/v1/nowhere', { headers: auth })
  await call('/v1/conversations', { headers: { 'x-api-key': 'acai_wrong-key-0123456789' } })
  server.signal('SIGTERM')
  const exited = await server.exited
  t.equal(exited.code, 0)

  const output = server.logs() + '\n' + answers.join('\n')
  t.ok(output.includes('connecting to MongoDB'), 'the captured output is the server\'s log')
  for (const [name, secret] of Object.entries({ ...secrets, mongoUri, redisUri })) {
    t.notOk(output.includes(secret), `${name} appears nowhere in the run's output`)
  }
})
