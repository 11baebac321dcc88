// Folds older conversation messages into the rolling summary (DESIGN.md 5.1), by the model. Each request
// to the model fits the same budget as a reply (its input plus the summary it may write stay within
// `maxContextTokens`): messages that do not fit in one request are folded in several, oldest first, each
// request carrying the summary so far. The summary is bounded (`maxSummaryTokens`), so it never crowds
// the recent turns out of later requests.

import { messageTokens, truncateToTokens } from './context.js'
import type { ChatMessage, HistoryMessage, TokenUsage } from './types.js'

export interface SummaryCompletion {
  text: string
  usage: TokenUsage | undefined
}

export type CompleteFn = (request: { messages: ChatMessage[], maxOutputTokens: number, signal: AbortSignal }) => Promise<SummaryCompletion>

export interface SummarizerOptions {
  complete: CompleteFn
  /** the whole request: instructions, summary so far, transcript and the summary it writes */
  maxContextTokens: number
  /** the longest summary, in tokens */
  maxSummaryTokens: number
}

export interface FoldResult {
  summary: string
  usage: TokenUsage
  /** model requests made */
  requests: number
}

export interface Summarizer {
  fold: (previous: string | undefined, messages: readonly HistoryMessage[], signal: AbortSignal) => Promise<FoldResult>
}

export const SUMMARY_INSTRUCTIONS = [
  'You maintain the running summary of a conversation between a user and an assistant.',
  'Merge the summary so far with the new messages into one updated summary.',
  'Keep facts, names, places, dates, numbers, preferences, decisions and open questions; drop greetings and filler.',
  'Write in the language of the conversation, in plain sentences, without a preamble.'
].join(' ')

function transcriptLine (message: HistoryMessage, content: string): string {
  return `${message.role === 'user' ? 'User' : 'Assistant'}: ${content}`
}

function request (previous: string | undefined, lines: readonly string[]): ChatMessage[] {
  const so = previous === undefined || previous.trim() === '' ? 'Summary so far: (none)' : `Summary so far:\n${previous}`
  return [
    { role: 'system', content: SUMMARY_INSTRUCTIONS },
    { role: 'user', content: `${so}\n\nNew messages:\n${lines.join('\n')}` }
  ]
}

/** Tokens of a summarize request besides its transcript lines (ChatML overhead and reply priming included). */
function fixedCost (previous: string | undefined): number {
  return request(previous, []).reduce((sum, message) => sum + messageTokens(message.content), 0) + 3
}

export function createSummarizer (options: SummarizerOptions): Summarizer {
  const { complete, maxSummaryTokens } = options
  const inputBudget = options.maxContextTokens - maxSummaryTokens
  if (inputBudget <= 0) throw new RangeError('maxSummaryTokens must be below maxContextTokens')

  return {
    async fold (previous, messages, signal) {
      let summary = previous
      const usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 }
      let requests = 0
      let index = 0
      while (index < messages.length) {
        // A margin for tokens merging differently across transcript lines than across ChatML messages.
        const room = inputBudget - fixedCost(summary) - 16
        const lines: string[] = []
        let used = 0
        while (index < messages.length) {
          const message = messages[index]
          if (message === undefined) break
          // A line costs about what the message costs (role label instead of the ChatML framing).
          const cost = message.tokens ?? messageTokens(message.content)
          if (used + cost > room) {
            if (lines.length > 0) break
            // One message alone is longer than a request may be: its beginning stands for it.
            lines.push(transcriptLine(message, truncateToTokens(message.content, Math.max(1, room - 8))))
            index++
            break
          }
          lines.push(transcriptLine(message, message.content))
          used += cost
          index++
        }
        const answer = await complete({ messages: request(summary, lines), maxOutputTokens: maxSummaryTokens, signal })
        requests++
        if (answer.usage !== undefined) {
          usage.promptTokens += answer.usage.promptTokens
          usage.completionTokens += answer.usage.completionTokens
          usage.totalTokens += answer.usage.totalTokens
        }
        const text = answer.text.trim()
        if (text === '') throw new Error('the model wrote an empty summary')
        // The model's max output bounds the summary, but a server may ignore it: the budget holds anyway.
        summary = truncateToTokens(text, maxSummaryTokens)
      }
      return { summary: summary ?? '', usage, requests }
    }
  }
}
