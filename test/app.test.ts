import { test } from 'tap'
import { parseTrustProxy, serverOptions } from '../app.js'
import { loadConfig } from '../lib/config/load-config.js'

test('TRUST_PROXY: off, on, a hop count, or a list of proxies', async (t) => {
  t.equal(parseTrustProxy('false'), false)
  t.equal(parseTrustProxy(''), false)
  t.equal(parseTrustProxy('true'), true)
  t.same(parseTrustProxy('10.0.0.1, 10.0.0.0/8 ,'), ['10.0.0.1', '10.0.0.0/8'])
  const hops = parseTrustProxy('2')
  if (typeof hops !== 'function') {
    t.fail('a hop count gives a function')
    return
  }
  t.equal(hops('10.0.0.1', 0), true)
  t.equal(hops('10.0.0.1', 1), true)
  t.equal(hops('10.0.0.1', 2), false)
})

test('server options come from the configuration', async (t) => {
  const options = serverOptions(loadConfig({ BODY_LIMIT: '2048', LOG_LEVEL: 'warn' }))
  t.equal(options.bodyLimit, 2048)
  t.match(options.logger, { level: 'warn' })
  t.equal(options.return503OnClosing, false, 'drain answers 503 itself, in the one shape')
  t.ok(Number(options.requestTimeout) >= 120_000, 'long replies are not cut')
})

test('defaults need no environment at all', async (t) => {
  const config = loadConfig({})
  t.match(config, { PORT: 8080, HOST: '0.0.0.0', LOG_LEVEL: 'info', MONGODB_DB: 'acai', RATE_LIMIT_MAX: 10, BODY_LIMIT: 65536, SHUTDOWN_TIMEOUT_MS: 10000, DOCS_ENABLED: true, MIGRATE_ON_START: true })
  t.equal(config.MONGODB_URI, undefined)
  t.equal(config.REDIS_URL, undefined)
})

test('a bad value stops start-up with a message naming the variable', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
  t.throws(() => loadConfig({ MONGODB_URI: 'postgres://db' }), /MONGODB_URI/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
  t.throws(() => loadConfig({ PRESSURE_MAX_HEAP_USED_RATIO: '2' }), /PRESSURE_MAX_HEAP_USED_RATIO/)
})
