import type { Db } from 'mongodb'
import { DEFAULT_SYSTEM_PROMPT } from '../assistant/prompts.js'
import { DEFAULT_PROMPT_PLATFORM, type PromptDoc } from '../conversations/prompt-store.js'

// Seeds the `default` system prompt (DESIGN.md 4, 5.1) with the built-in text, so operators see and edit
// it through PUT /v1/admin/prompts/default like any other. Left alone when a default already exists; `down`
// removes only the seeded version, and only while it is unchanged.
const seed = { platform: DEFAULT_PROMPT_PLATFORM, version: 1 }

export const defaultPrompt = {
  id: '002-default-prompt',
  description: 'seed the default system prompt (version 1 of platform "default")',
  async up (db: Db): Promise<void> {
    await db.collection<PromptDoc>('prompts').updateOne(
      seed,
      { $setOnInsert: { ...seed, text: DEFAULT_SYSTEM_PROMPT, active: true, createdAt: new Date() } },
      { upsert: true }
    )
  },
  async down (db: Db): Promise<void> {
    await db.collection<PromptDoc>('prompts').deleteOne({ ...seed, text: DEFAULT_SYSTEM_PROMPT })
  }
}
