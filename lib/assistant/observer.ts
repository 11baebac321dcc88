import type { TokenUsage } from './types.js'

// What the reply loop reports for metrics (DESIGN.md 8); the assistant plugin turns these into
// assistant_reply_duration_seconds, assistant_tool_calls_total, assistant_tool_duration_seconds, llm_requests_total and llm_tokens_total.
// Spans are made by the loop itself (lib/telemetry/spans.ts).

export type Outcome = 'ok' | 'error' | 'aborted'

export interface AssistantObserver {
  /** A whole reply, from the first model call to the last event. */
  reply?: (seconds: number, outcome: Outcome) => void
  /** One model turn (one request to the provider). */
  modelCall?: (provider: string, outcome: Outcome, usage: TokenUsage | undefined) => void
  /** One tool call, ok when the tool returned a result, error when it reported one, and how long it took. */
  toolCall?: (tool: string, outcome: 'ok' | 'error', seconds: number) => void
}
