import type { Db } from 'mongodb'
import type { Now } from './types.js'

export interface PromptDoc { platform: string, version: number, text: string, active: boolean }

export interface PromptStore {
  /** The active system prompt of a platform (its highest active version), or undefined for the built-in one. */
  systemPrompt (platform: string): Promise<string | undefined>
}

export interface PromptStoreOptions {
  db: Db
  now: Now
  /** How long a looked-up prompt (or its absence) is reused before MongoDB is asked again. */
  cacheTtlMs?: number
  /** A failed lookup answered from the fallback: log and count it. */
  onFailure?: (err: unknown) => void
}

// System prompts per platform live in the `prompts` collection (DESIGN.md 4, 5.1) so operators can change
// them without a deploy. Every reply needs one, so lookups are cached; a lookup failure falls back to the
// built-in prompt rather than failing the reply.
export function createPromptStore ({ db, now, cacheTtlMs = 60_000, onFailure }: PromptStoreOptions): PromptStore {
  const prompts = db.collection<PromptDoc>('prompts')
  const cache = new Map<string, { text: string | undefined, expiresAt: number }>()

  return {
    async systemPrompt (platform) {
      const at = now().getTime()
      const cached = cache.get(platform)
      if (cached !== undefined && cached.expiresAt > at) return cached.text
      try {
        const doc = await prompts.findOne({ platform, active: true }, { sort: { version: -1 }, projection: { text: 1 } })
        const text = typeof doc?.text === 'string' && doc.text.trim() !== '' ? doc.text : undefined
        cache.set(platform, { text, expiresAt: at + cacheTtlMs })
        return text
      } catch (err) {
        onFailure?.(err)
        return cached?.text
      }
    }
  }
}
