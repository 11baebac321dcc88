import { test } from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { build } from '../helper.js'
import { freePort } from '../free-port.js'

// Database 13 of the shared Redis belongs to this file; keys are further scoped by a random client IP.
const SHARED_REDIS = 'redis://127.0.0.1:6379/13'

function randomIp (): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

async function connectWhenUp (port: number): Promise<Redis> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null })
    client.on('error', () => {})
    try {
      await client.connect()
      return client
    } catch {
      client.disconnect()
      await sleep(50)
    }
  }
  throw new Error('redis-server did not start')
}

test('two app instances sharing one Redis share the per-IP allowance', async (t) => {
  const redis = new Redis(SHARED_REDIS)
  const ip = randomIp()
  t.teardown(async () => {
    const keys = await redis.keys(`*${ip}*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
  })
  const env = { REDIS_URL: SHARED_REDIS, RATE_LIMIT_MAX: '10', RATE_LIMIT_WINDOW_MS: '60000' }
  const first = await build(t, env)
  const second = await build(t, env)

  const statuses: number[] = []
  for (let i = 0; i < 6; i++) statuses.push((await first.inject({ url: '/health', remoteAddress: ip })).statusCode)
  for (let i = 0; i < 6; i++) statuses.push((await second.inject({ url: '/health', remoteAddress: ip })).statusCode)
  t.same(statuses, [...Array(10).fill(200), 429, 429], 'the second instance sees the first one\'s requests')
  t.equal(await redis.get(`acai:rl:${ip}`), '12', 'the counter lives in Redis')
  const ttl = await redis.pttl(`acai:rl:${ip}`)
  t.ok(ttl > 0 && ttl <= 60_000, 'and expires with the window')
})

test('Redis stopping mid-run fails no request and limiting goes on in process', async (t) => {
  const port = await freePort()
  const servers: ChildProcess[] = []
  const startRedis = (): ChildProcess => {
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    servers.push(server)
    return server
  }
  t.teardown(() => { for (const server of servers) if (server.exitCode === null) server.kill('SIGKILL') })
  const server = startRedis()
  const probe = await connectWhenUp(port)

  const fastify = await build(t, { REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_MS: '60000', HEALTH_PROBE_INTERVAL_MS: '0' })
  const ip = randomIp()
  const status = async (): Promise<number> => (await fastify.inject({ url: '/health', remoteAddress: ip })).statusCode
  for (let i = 0; i < 3; i++) t.equal(await status(), 200)
  t.equal(await probe.get(`acai:rl:${ip}`), '3', 'counted in Redis while it runs')
  probe.disconnect()

  server.kill('SIGKILL')
  await once(server, 'exit')

  const after: number[] = []
  for (let i = 0; i < 10; i++) after.push(await status())
  t.notOk(after.some((s) => s >= 500), `no request failed: ${after.join(',')}`)
  t.same(after, [...Array(6).fill(200), 429, 429, 429, 429], 'the in-process fallback keeps limiting')
  const health = await fastify.inject({ url: '/health', remoteAddress: randomIp() })
  t.match(health.json(), { status: 'degraded', checks: { redis: 'unavailable' } })

  // Redis comes back on the same port: counting returns to it once the client has reconnected.
  startRedis()
  const revived = await connectWhenUp(port)
  t.teardown(() => revived.disconnect())
  let back = false
  for (let attempt = 0; attempt < 60 && !back; attempt++) {
    const probeIp = randomIp()
    t.equal((await fastify.inject({ url: '/health', remoteAddress: probeIp })).statusCode, 200)
    back = await revived.get(`acai:rl:${probeIp}`) === '1'
    if (!back) await sleep(250)
  }
  t.ok(back, 'the limiter counts in Redis again after it recovers')
})

test('the app closes promptly when Redis died while it was running', async (t) => {
  const port = await freePort()
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  t.teardown(() => { if (server.exitCode === null) server.kill('SIGKILL') })
  const probe = await connectWhenUp(port)
  probe.disconnect()

  const fastify = await build(t, { REDIS_URL: `redis://127.0.0.1:${port}` })
  t.equal(fastify.redis.status, 'ready')
  server.kill('SIGKILL')
  await once(server, 'exit')

  const started = Date.now()
  await fastify.close()
  t.ok(Date.now() - started < 3000, `closed in ${Date.now() - started} ms`)
})
