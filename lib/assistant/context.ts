// Chooses what the model sees: system prompt, rolling summary, the most recent history that fits
// the token budget (counted with gpt-tokenizer's o200k encoding, ChatML overhead included) and the
// new user message, which is always sent. History is cut contiguously: a gap in the middle of a
// conversation misleads the model more than a shorter window.

import { lazyModule } from './lazy-module.js'
import type { ToolDefinition } from './provider.js'
import type { ChatMessage, HistoryMessage } from './types.js'

const tokenizer = lazyModule<typeof import('gpt-tokenizer')>('gpt-tokenizer')

/** Loads the tokenizer now instead of on the first reply. */
export function preloadTokenizer (): void {
  tokenizer()
}

/** Tokens ChatML adds around each message (`<|im_start|>role\n ... <|im_end|>\n`). */
const MESSAGE_OVERHEAD = 4
/** Tokens that prime the assistant's reply. */
const REPLY_PRIMING = 3

export interface ContextInput {
  systemPrompt: string
  summary?: string
  history: readonly HistoryMessage[]
  message: string
  tools: readonly ToolDefinition[]
  maxContextTokens: number
}

export interface ContextSelection {
  messages: ChatMessage[]
  historyMessages: number
  droppedMessages: number
  promptTokens: number
}

export function messageTokens (content: string): number {
  return tokenizer().countTokens(content) + MESSAGE_OVERHEAD
}

/** The beginning of `text` that is at most `max` tokens long (the whole text when it fits). */
export function truncateToTokens (text: string, max: number): string {
  const { encode, decode } = tokenizer()
  const tokens = encode(text)
  return tokens.length <= max ? text : decode(tokens.slice(0, Math.max(0, max)))
}

const toolTokenCache = new WeakMap<readonly ToolDefinition[], number>()

/** Tokens of the tool definitions as sent (JSON), cached per definitions array. */
export function toolTokens (tools: readonly ToolDefinition[]): number {
  if (tools.length === 0) return 0
  let tokens = toolTokenCache.get(tools)
  if (tokens === undefined) {
    tokens = tokenizer().countTokens(JSON.stringify(tools))
    toolTokenCache.set(tools, tokens)
  }
  return tokens
}

export function summaryMessage (summary: string): string {
  return `Summary of the earlier conversation:\n${summary}`
}

export function buildContext (input: ContextInput): ContextSelection {
  const head: ChatMessage[] = [{ role: 'system', content: input.systemPrompt }]
  const summary = input.summary?.trim()
  if (summary !== undefined && summary !== '') head.push({ role: 'system', content: summaryMessage(summary) })
  let history = input.history
  // Callers store the user message before the assistant runs; tolerate it being passed twice.
  const last = history.at(-1)
  if (last !== undefined && last.role === 'user' && last.content === input.message) history = history.slice(0, -1)

  let used = REPLY_PRIMING + toolTokens(input.tools) + messageTokens(input.message)
  for (const message of head) used += messageTokens(message.content)
  let start = history.length
  while (start > 0) {
    const candidate = history[start - 1]
    if (candidate === undefined) break
    const cost = candidate.tokens ?? messageTokens(candidate.content)
    if (used + cost > input.maxContextTokens) break
    used += cost
    start--
  }
  const kept = history.slice(start)
  return {
    messages: [
      ...head,
      ...kept.map((message): ChatMessage => ({ role: message.role, content: message.content })),
      { role: 'user', content: input.message }
    ],
    historyMessages: kept.length,
    droppedMessages: start,
    promptTokens: used
  }
}
