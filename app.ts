// The application as a plugin: configuration first, then three autoload passes (DESIGN.md, STYLE.md):
// third-party wrappers, our own concerns, then the routes. server.ts and the tests build it the same way.
import { join } from 'node:path'
import AutoLoad from '@fastify/autoload'
import fastifyEnv from '@fastify/env'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { EnvSchema, type Env } from './schemas/env.js'
import type { EnvSource } from './lib/config.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Env
  }
}

export interface AppOptions {
  /** Environment to configure from; server.ts passes process.env, tests pass their own. */
  env: EnvSource
}

const LOG_REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]'
]

// Options for the Fastify factory, derived from the validated configuration.
export function serverOptions (config: Env): FastifyServerOptions {
  return {
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' }
    },
    bodyLimit: config.BODY_LIMIT,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    // Long assistant replies stream for a while; the request timeout is sized to the reply budget.
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    requestIdLogLabel: 'reqId',
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
  await fastify.register(fastifyEnv, { schema: EnvSchema, data: opts.env, dotenv: false })

  await fastify.register(AutoLoad, {
    dir: join(import.meta.dirname, 'plugins/external'),
    options: opts
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
