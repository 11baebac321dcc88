// The application as a plugin: configuration first, then three autoload passes (DESIGN.md, STYLE.md):
// third-party wrappers, our own concerns, then the routes. server.ts and the tests build it the same way.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import { join } from 'node:path'
import AutoLoad from '@fastify/autoload'
import fastifyEnv from '@fastify/env'
import { LogController, type FastifyHttpOptions, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { EnvSchema, type Env } from './schemas/env.js'
import type { EnvSource } from './lib/config/load-config.js'
import { resolveSecretFiles } from './lib/config/secret-files.js'
import type { AssistantOverrides } from './lib/chat/assistant-overrides.js'
import { activeTraceFields } from './lib/telemetry/trace-fields.js'
import type { WeatherOverrides } from './plugins/app/weather.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Env
  }
}

export interface AppOptions {
  /** Environment to configure from; server.ts passes process.env, tests pass their own. */
  env: EnvSource
  /** Tests only: the assistant's provider, clock or title maker instead of the configured ones. */
  assistant?: AssistantOverrides
  /** Tests only: the chat service's clock (timestamps, session expiry, idempotency records). */
  chat?: { now?: () => Date }
  /** Tests only: the weather client's HTTP dispatcher (an undici MockAgent) and clock. */
  weather?: WeatherOverrides
}

// Credentials never reach a log line, whichever object carries them (DESIGN.md 6). URIs are redacted
// where they are logged (lib/logging/redact.ts); these paths catch headers and secrets logged as fields.
export const LOG_REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey'
]

// Fastify's own per-request pair ("incoming request", "request completed") is replaced by the single
// line of plugins/app/request-log.ts, which knows the route pattern; its other diagnostics (serializer
// and stream errors) stay on.
class RequestLogController extends LogController {
  override incomingRequest (): void {}
  override requestCompleted (): void {}
}

const REQUEST_ID = /^[\w.:-]{1,64}$/

// The caller's X-Request-Id when it is a sane token (a proxy's or client's id ties their logs to ours),
// otherwise a fresh UUID: a client cannot put an arbitrary string into every log line of its request.
export function requestIdOf (req: IncomingMessage): string {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
}

// Options for the Fastify factory, derived from the validated configuration.
export function serverOptions (config: Env): FastifyHttpOptions<Server> {
  return {
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      // Every line written inside a traced request names its trace and span (DESIGN.md 8).
      mixin: activeTraceFields
    },
    logController: new RequestLogController({ requestIdLogLabel: 'reqId' }),
    bodyLimit: config.BODY_LIMIT,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    // Hostile and slow clients (issue 12): HTTP_* settings bound how long a connection may take to send
    // its headers (slowloris, connections that never send a request), its whole request, how long it may
    // sit with no bytes moving (a client that stops reading a stream), and how large its headers may be.
    requestTimeout: Math.max(config.HTTP_REQUEST_TIMEOUT_MS, config.HTTP_HEADERS_TIMEOUT_MS),
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: config.HTTP_MAX_REQUESTS_PER_SOCKET,
    http: {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: Math.max(config.HTTP_REQUEST_TIMEOUT_MS, config.HTTP_HEADERS_TIMEOUT_MS),
      maxHeaderSize: config.HTTP_MAX_HEADER_SIZE,
      // Node checks the headers and request timeouts only this often (30 s by default): a quarter of the
      // headers timeout keeps a slowloris connection from outliving it by more than that.
      connectionsCheckingInterval: Math.max(100, Math.min(5000, Math.floor(config.HTTP_HEADERS_TIMEOUT_MS / 4)))
    },
    // Start-up may replay a large embedded journal or build indexes in migrations: more than Fastify's
    // 10 s per plugin, and a slow boot is better than a boot loop.
    pluginTimeout: 60_000,
    // Draining requests get the one error shape with Retry-After from plugins/app/drain.ts instead of
    // Fastify's hand-written 503 body.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    requestIdHeader: false,
    genReqId: requestIdOf,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } }
  }
}

// TRUST_PROXY decides whether X-Forwarded-For counts for the client address (and so for rate limits):
// false, true, a number of trusted hops, or a list of proxy addresses/CIDRs.
export function parseTrustProxy (value: string): FastifyServerOptions['trustProxy'] {
  const trimmed = value.trim()
  if (trimmed === '' || trimmed === 'false') return false
  if (trimmed === 'true') return true
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed)
    return (_address: string, hop: number) => hop < hops
  }
  return trimmed.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
}

export default async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  // server.ts hands over an environment whose secret files are already read; resolving again is then a no-op.
  await fastify.register(fastifyEnv, { schema: EnvSchema, data: resolveSecretFiles(opts.env), dotenv: false })

  // Third-party wrappers configure themselves from `autoConfig`; they never see the app's options (the
  // environment, test overrides).
  await fastify.register(AutoLoad, {
    dir: join(import.meta.dirname, 'plugins/external'),
    options: {}
  })
  await fastify.register(AutoLoad, {
    dir: join(import.meta.dirname, 'plugins/app'),
    options: opts
  })
  await fastify.register(AutoLoad, {
    dir: join(import.meta.dirname, 'routes'),
    autoHooks: true,
    cascadeHooks: true,
    options: opts
  })
}
