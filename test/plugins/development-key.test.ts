import { test } from 'tap'
import { Writable } from 'node:stream'
import { startEmbeddedMongo } from '../../lib/embedded-mongo/index.js'
import { build } from '../helper.js'

test('zero-setup mode creates a development key with every scope, shown once on stderr and never logged', async (t) => {
  const logged: string[] = []
  const logStream = new Writable({ write (chunk, _enc, done) { logged.push(String(chunk)); done() } })
  const stderr = t.capture(process.stderr, 'write')
  const app = await build(t, { API_KEY: undefined, LOG_LEVEL: 'info' }, { logStream })
  const printed = stderr().map((call) => String(call.args[0])).join('')
  const key = /Development API key \(embedded mode, shown once\): (acai_[A-Za-z0-9_-]+)/.exec(printed)?.[1]
  t.ok(key, 'the key is printed')
  if (key === undefined) return

  const chat = await app.inject({ url: '/v1/conversations', headers: { 'x-api-key': key } })
  t.equal(chat.statusCode, 200, 'it opens the chat routes')
  const metrics = await app.inject({ url: '/metrics', headers: { 'x-api-key': key } })
  t.equal(metrics.statusCode, 200, 'and the metrics')
  t.notOk(logged.join('').includes(key), 'the JSON log never contains it')
  t.ok(logged.join('').includes('created a development key'), 'the log says one was created')
})

test('with an external MongoDB and no key configured, no key is invented', async (t) => {
  const server = await startEmbeddedMongo()
  t.after(() => server.close())
  const stderr = t.capture(process.stderr, 'write')
  const app = await build(t, { API_KEY: undefined, MONGODB_URI: server.uri })
  t.equal(app.mongoMode, 'external')
  t.equal(await app.apiKeys.countActive(), 0, 'no key was created')
  t.notOk(stderr().some((call) => String(call.args[0]).includes('Development API key')))
  t.equal((await app.inject({ url: '/v1/conversations' })).statusCode, 401)
})
