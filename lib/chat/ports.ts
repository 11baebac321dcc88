// What the chat service needs from the assistant, kept narrow so lib/chat depends on behaviour, not on
// the engine's construction: plugins/app/assistant.ts adapts lib/assistant to these.
import type { AssistantEvent, HistoryMessage, TokenUsage } from '../assistant/types.js'

export type { AssistantEvent, HistoryMessage }

export interface ReplyRequest {
  /** Picks the system prompt (DESIGN.md 5.1). */
  platform: string
  /** The conversation's rolling summary, when one was written. */
  summary?: string
  /** Earlier messages, oldest first, without the new one; the engine fits them to its token budget. */
  history: HistoryMessage[]
  message: string
  /** Aborted when the client goes away: the model call stops. */
  signal: AbortSignal
}

export interface SummaryFold {
  summary: string
  usage: TokenUsage
  /** model requests the fold made */
  requests: number
}

export interface ReplyEngine {
  /** Streams deltas and tool events, then exactly one `done`. Rejects when the model is unavailable. */
  reply (request: ReplyRequest): AsyncIterable<AssistantEvent>
  /** The tokens a message costs in a request; stored with each message so history is counted once. */
  countTokens? (content: string): number
  /**
   * Folds messages (oldest first) into the rolling summary. Absent (the offline assistant): no summary is
   * written and only the recent messages that fit are sent.
   */
  summarize? (previous: string | undefined, messages: HistoryMessage[], signal: AbortSignal): Promise<SummaryFold>
}

/** A short title (at most 60 graphemes) for a conversation from its first message. */
export type TitleMaker = (message: string, signal: AbortSignal) => Promise<string>

/** Receives the engine's delta and tool events while a reply is produced (the SSE route forwards them). */
export type EventSink = (event: AssistantEvent) => void | Promise<void>

export interface ChatLogger {
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
}

/**
 * A storage call that failed after the answer no longer depended on it (releasing a claim, completing an
 * idempotency record, reading a system prompt): the request is answered anyway, and the failure is
 * logged and counted by whoever wires the service.
 */
export type StoreFailureOperation = 'idempotency.complete' | 'idempotency.fail' | 'reply.release' | 'prompt.lookup' | 'usage.record' | 'summary.write'

export type StoreFailureReporter = (operation: StoreFailureOperation, err: unknown, context: { gaveUp: boolean }) => void
