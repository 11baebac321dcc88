// Entry point: validate the configuration, build Fastify with logger and timeouts, register the app,
// wire graceful shutdown (DESIGN.md 7.2) and listen. `npm start` and `acai serve` both land here.
// First: tracing must be in place before the MongoDB driver and ioredis load (lib/telemetry/start.ts).
import { telemetry } from './lib/telemetry/start.js'
import { pathToFileURL } from 'node:url'
import Fastify, { type FastifyInstance } from 'fastify'
import closeWithGrace from 'close-with-grace'
import fp from 'fastify-plugin'
import app, { serverOptions } from './app.js'
import { loadConfig, type EnvSource } from './lib/config/load-config.js'
import { resolveSecretFiles } from './lib/config/secret-files.js'

export async function start (source: EnvSource): Promise<FastifyInstance> {
  // Secret files are read once, here; the app gets their values, not the paths.
  const env = resolveSecretFiles(source)
  const config = loadConfig(env)
  const fastify = Fastify(serverOptions(config))
  // Not encapsulated: the app's decorators, error handler and not-found handler belong to the root.
  await fastify.register(fp(app), { env })

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
