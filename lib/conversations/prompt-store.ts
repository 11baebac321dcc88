import type { Db } from 'mongodb'
import type { Now } from './types.js'

export interface PromptDoc { platform: string, version: number, text: string, active: boolean, createdAt?: Date }

/** The platform whose prompt applies to every platform without one of its own (seeded by migration 002). */
export const DEFAULT_PROMPT_PLATFORM = 'default'

export interface PromptStore {
  /**
   * The system prompt of a platform: its highest active version, else the `default` platform's, else
   * undefined (the built-in prompt).
   */
  systemPrompt (platform: string): Promise<string | undefined>
  /** Every version, by platform then newest first; only `platform`'s when given. */
  list (platform?: string): Promise<PromptDoc[]>
  /** Adds the platform's next version as the active one (older versions become inactive) and returns it. */
  publish (platform: string, text: string): Promise<PromptDoc>
}

export interface PromptStoreOptions {
  db: Db
  now: Now
  /** How long a looked-up prompt (or its absence) is reused before MongoDB is asked again. */
  cacheTtlMs?: number
  /** A failed lookup answered from the fallback: log and count it. */
  onFailure?: (err: unknown) => void
}

const DUPLICATE_KEY = 11000

function isDuplicateKey (err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === DUPLICATE_KEY
}

// System prompts per platform live in the `prompts` collection (DESIGN.md 4, 5.1) so operators can change
// them without a deploy. Every reply needs one, so lookups are cached; a lookup failure falls back to the
// built-in prompt rather than failing the reply. A publish clears this instance's cache at once; other
// instances pick the new version up within `cacheTtlMs`.
export function createPromptStore ({ db, now, cacheTtlMs = 60_000, onFailure }: PromptStoreOptions): PromptStore {
  const prompts = db.collection<PromptDoc>('prompts')
  const cache = new Map<string, { text: string | undefined, expiresAt: number }>()

  async function activeText (platform: string): Promise<string | undefined> {
    const doc = await prompts.findOne({ platform, active: true }, { sort: { version: -1 }, projection: { text: 1 } })
    return typeof doc?.text === 'string' && doc.text.trim() !== '' ? doc.text : undefined
  }

  return {
    async systemPrompt (platform) {
      const at = now().getTime()
      const cached = cache.get(platform)
      if (cached !== undefined && cached.expiresAt > at) return cached.text
      try {
        const text = (await activeText(platform)) ?? (platform === DEFAULT_PROMPT_PLATFORM ? undefined : await activeText(DEFAULT_PROMPT_PLATFORM))
        cache.set(platform, { text, expiresAt: at + cacheTtlMs })
        return text
      } catch (err) {
        onFailure?.(err)
        return cached?.text
      }
    },

    async list (platform) {
      return prompts.find(platform === undefined ? {} : { platform }, { projection: { _id: 0 } }).sort({ platform: 1, version: -1 }).toArray()
    },

    async publish (platform, text) {
      // Two concurrent publishes may pick the same next version: the unique index refuses one, which retries.
      for (let attempt = 0; ; attempt++) {
        const [latest] = await prompts.find({ platform }, { projection: { version: 1 } }).sort({ version: -1 }).limit(1).toArray()
        const doc: PromptDoc = { platform, version: (latest?.version ?? 0) + 1, text, active: true, createdAt: now() }
        try {
          await prompts.insertOne({ ...doc })
        } catch (err) {
          if (isDuplicateKey(err) && attempt < 5) continue
          throw err
        }
        await prompts.updateMany({ platform, version: { $lt: doc.version }, active: true }, { $set: { active: false } })
        // The default applies to platforms without their own prompt: their cached lookups are stale too.
        if (platform === DEFAULT_PROMPT_PLATFORM) cache.clear()
        else cache.delete(platform)
        return doc
      }
    }
  }
}
