import { readFile } from 'node:fs/promises'

export interface BootstrapKeyConfig { API_KEY?: string, API_KEY_FILE?: string }

const MIN_LENGTH = 16

// The key from API_KEY or API_KEY_FILE (a mounted secret; surrounding whitespace and the trailing newline
// are trimmed). Anything wrong stops start-up with a message that names the variable, never the key.
export async function readBootstrapKey ({ API_KEY, API_KEY_FILE }: BootstrapKeyConfig): Promise<string | undefined> {
  if (API_KEY !== undefined && API_KEY_FILE !== undefined) {
    throw new Error('API_KEY and API_KEY_FILE are both set: set only one of them')
  }
  if (API_KEY_FILE === undefined) return API_KEY
  let content: string
  try {
    content = await readFile(API_KEY_FILE, 'utf8')
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : String(err)
    throw new Error(`API_KEY_FILE: cannot read ${API_KEY_FILE} (${reason})`)
  }
  const key = content.trim()
  if (key.length < MIN_LENGTH) {
    throw new Error(`API_KEY_FILE: the key in ${API_KEY_FILE} must be at least ${MIN_LENGTH} characters`)
  }
  return key
}
