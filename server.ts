// Entry point: validate the configuration, build Fastify with logger and timeouts, register the app,
// wire graceful shutdown (DESIGN.md 7.2) and listen. `npm start` and `acai serve` both land here.
// First: tracing must be in place before the MongoDB driver and ioredis load (lib/telemetry/start.ts).
import { telemetry } from './lib/telemetry/start.js'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import Fastify, { type FastifyInstance } from 'fastify'
import closeWithGrace from 'close-with-grace'
import fp from 'fastify-plugin'
import app, { serverOptions } from './app.js'
import { loadConfig, type EnvSource } from './lib/config/load-config.js'
import { resolveSecretFiles } from './lib/config/secret-files.js'
import { preloadPlaces, preloadTokenizer } from './lib/assistant/index.js'
import { afterBootPressure } from './lib/load-shedding/after-boot.js'

export async function start (source: EnvSource): Promise<FastifyInstance> {
  // Secret files are read once, here; the app gets their values, not the paths.
  const env = resolveSecretFiles(source)
  const config = loadConfig(env)
  // The assistant's data (place indexes, holiday calendars, the tokenizer) loads synchronously in a few
  // hundred milliseconds: here, before the app exists, so neither a request nor the load-shedding sampler
  // sees the event loop blocked. Loaded once listening, it blocked for up to 1.2 s (Node 24) and the
  // sampler shed the first second of requests with 503. Tests that never start a server skip the cost.
  preloadPlaces()
  preloadTokenizer()
  const fastify = Fastify(serverOptions(config))
  const boot = monitorEventLoopDelay({ resolution: 10 })
  boot.enable()
  // Not encapsulated: the app's decorators, error handler and not-found handler belong to the root.
  await fastify.register(fp(app), { env })
  await fastify.ready()
  boot.disable()
  const longestBlockMs = boot.max / 1e6
  const waited = await afterBootPressure({
    // Without the delay check (PRESSURE_MAX_EVENT_LOOP_DELAY_MS=0) a long boot cannot trip the shedder.
    longestBlockMs: config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS === 0 ? 0 : longestBlockMs,
    sampleIntervalMs: config.PRESSURE_SAMPLE_INTERVAL_MS,
    underPressure: () => fastify.isUnderPressure(),
    sleep
  })
  if (waited > 0) fastify.log.info({ longestBlockMs: Math.round(longestBlockMs), waitedMs: waited }, 'the boot blocked the event loop: listening after the load shedder sampled it again')

  // On SIGTERM/SIGINT: stop accepting connections (new requests and /ready get 503), let in-flight
  // requests finish, close MongoDB and Redis through their onClose hooks, flush the trace exporter, exit 0;
  // exit 1 past the deadline.
  closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS, logger: fastify.log }, async ({ signal, err }) => {
    if (err !== undefined) fastify.log.error({ err }, 'shutting down after an unexpected error')
    else fastify.log.info({ signal }, 'shutting down')
    await fastify.close()
    // After the app: the spans of the last requests and of the shutdown itself are flushed.
    await telemetry.shutdown()
  })

  await fastify.listen({ port: config.PORT, host: config.HOST })
  return fastify
}

// `acai serve`: resolves once listening; the process then lives until a signal closes the server.
export async function run (_argv: string[]): Promise<number> {
  await start(process.env)
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start(process.env).catch((err: unknown) => {
    process.stderr.write(`acai: failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  })
}
