import { envSchema } from 'env-schema'
import { EnvSchema, type Env } from '../../schemas/env.js'
import { resolveSecretFiles } from './secret-files.js'

export type EnvSource = Record<string, string | undefined>

// The same validation @fastify/env applies inside the app, for code that runs before or without Fastify
// (server options, CLI commands). Throws with a message naming the offending variable. `_FILE` twins of
// secrets are read first (lib/config/secret-files.ts).
export function loadConfig (source: EnvSource): Env {
  return envSchema<Env>({ schema: EnvSchema, data: resolveSecretFiles(source), dotenv: false })
}
