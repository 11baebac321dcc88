// Titles by the language model (DESIGN.md 5.4): LLM_TITLE_MODEL writes a few words from the first message.
// The engine's titler wrapper (createCachedTitler) sanitises, clamps and caches what it writes; a failed
// call is the caller's to answer with the offline heuristic.

import type { Titler } from './titles.js'
import type { ChatMessage, TokenUsage } from './types.js'

export type TitleCompleteFn = (request: { messages: ChatMessage[], model: string, maxOutputTokens: number, signal: AbortSignal }) =>
Promise<{ text: string, usage: TokenUsage | undefined }>

export const TITLE_INSTRUCTIONS = [
  'Write a title of at most six words for a conversation that starts with the user message below.',
  'Use the language of the message. Answer with the title only: no quotes, no final period.'
].join(' ')

/** Enough for six words in any language; the title is clamped to 60 characters anyway. */
const TITLE_MAX_TOKENS = 24

export function createModelTitler (complete: TitleCompleteFn, model: string): Titler {
  return {
    name: `model:${model}`,
    async title (message, options) {
      const { text } = await complete({
        messages: [{ role: 'system', content: TITLE_INSTRUCTIONS }, { role: 'user', content: message }],
        model,
        maxOutputTokens: TITLE_MAX_TOKENS,
        signal: options?.signal ?? new AbortController().signal
      })
      return text
    }
  }
}
