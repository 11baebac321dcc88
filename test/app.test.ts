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

test('the HTTP_* limits for slow and hostile clients reach the server options (issue 12)', async (t) => {
  const defaults = serverOptions(loadConfig({}))
  t.match(defaults, { requestTimeout: 120_000, connectionTimeout: 130_000, keepAliveTimeout: 72_000, maxRequestsPerSocket: 0 })
  t.match(defaults.http, { headersTimeout: 15_000, requestTimeout: 120_000, maxHeaderSize: 16384, connectionsCheckingInterval: 3750 })
  const tight = serverOptions(loadConfig({
    HTTP_HEADERS_TIMEOUT_MS: '2000',
    HTTP_REQUEST_TIMEOUT_MS: '1000',
    HTTP_IDLE_TIMEOUT_MS: '3000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
    HTTP_MAX_HEADER_SIZE: '4096',
    HTTP_MAX_REQUESTS_PER_SOCKET: '7'
  }))
  t.match(tight, { requestTimeout: 2000, connectionTimeout: 3000, keepAliveTimeout: 500, maxRequestsPerSocket: 7 }, 'the request timeout is never below the headers timeout (Node refuses that)')
  t.match(tight.http, { headersTimeout: 2000, requestTimeout: 2000, maxHeaderSize: 4096, connectionsCheckingInterval: 500 })
  t.match(serverOptions(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '100' })).http, { connectionsCheckingInterval: 100 }, 'checked at least every 100 ms')
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
