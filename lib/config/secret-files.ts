import { readFileSync } from 'node:fs'
import type { EnvSource } from './load-config.js'

// Secrets from files (issue 15): each secret variable has a `_FILE` twin naming a file that holds the
// value, as Docker and Kubernetes secrets, Vault Agent and the AWS/GCP secret CSI drivers mount them.
// Read once, before validation; the file's value replaces the twin, so the rest of the service sees only
// the variable. API_KEY_FILE predates this and keeps its own reader (lib/api-keys/bootstrap-key.ts).
export const SECRET_FILE_VARIABLES = ['MONGODB_URI', 'REDIS_URL', 'LLM_API_KEY', 'WEATHER_API_KEY', 'TELEGRAM_BOT_TOKEN'] as const

export type ReadSecretFile = (path: string) => string

const readUtf8: ReadSecretFile = (path) => readFileSync(path, 'utf8')

/**
 * The environment with every `X_FILE` replaced by `X` holding the file's content (surrounding whitespace
 * and the trailing newline trimmed). Errors name the variables and the path, never a value.
 */
export function resolveSecretFiles (source: EnvSource, read: ReadSecretFile = readUtf8): EnvSource {
  const resolved: EnvSource = { ...source }
  for (const name of SECRET_FILE_VARIABLES) {
    const fileVariable = `${name}_FILE`
    const path = source[fileVariable]
    if (path === undefined) continue
    if (source[name] !== undefined) throw new Error(`${name} and ${fileVariable} are both set: set only one of them`)
    let content: string
    try {
      content = read(path)
    } catch (err) {
      const reason = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable'
      throw new Error(`${fileVariable}: cannot read ${path} (${reason})`)
    }
    const value = content.trim()
    if (value === '') throw new Error(`${fileVariable}: ${path} is empty`)
    resolved[name] = value
    delete resolved[fileVariable]
  }
  return resolved
}
