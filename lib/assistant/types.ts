// Shapes shared by the engine, providers, tools and callers. Chat messages mirror the
// OpenAI Chat Completions roles so an OpenAI-compatible provider maps them one to one.

/** A tool call requested by the model; `arguments` is the raw JSON text the model produced. */
export interface ToolCall {
  id: string
  name: string
  arguments: string
}

export interface SystemMessage {
  role: 'system'
  content: string
}

export interface UserMessage {
  role: 'user'
  content: string
}

export interface AssistantMessage {
  role: 'assistant'
  content: string
  toolCalls?: ToolCall[]
}

/** A tool's result sent back to the model; `content` is the JSON of a `ToolResult`. */
export interface ToolMessage {
  role: 'tool'
  toolCallId: string
  name: string
  content: string
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage

/** A stored conversation message as the engine receives it. */
export interface HistoryMessage {
  role: 'user' | 'assistant'
  content: string
  /** `messageTokens(content)` as stored with the message, so long histories are not re-tokenized every turn */
  tokens?: number
}

export interface TokenUsage {
  promptTokens: number
  completionTokens: number
  totalTokens: number
}

/** What a tool returned: data on success, an explanation the model can act on otherwise. */
export type ToolResult<T = unknown> = { ok: true, result: T } | { ok: false, error: string }

/** Stored on the assistant message (DESIGN.md 3.1 `toolCalls`). */
export interface ToolCallSummary {
  name: string
  ok: boolean
}

export interface DeltaEvent {
  type: 'delta'
  text: string
}

export interface ToolEvent {
  type: 'tool'
  name: string
  ok: boolean
  /** the parsed arguments, or the raw text when the model sent invalid JSON */
  arguments: unknown
}

export interface ContextInfo {
  /** history messages sent to the provider */
  historyMessages: number
  /** older history messages left out to fit `maxContextTokens` (candidates for the rolling summary) */
  droppedMessages: number
  /** tokens of the first prompt, counted with gpt-tokenizer */
  promptTokens: number
}

export interface DoneEvent {
  type: 'done'
  /** the whole reply: exactly the concatenation of every delta */
  content: string
  toolCalls: ToolCallSummary[]
  usage: TokenUsage
  context: ContextInfo
}

export type AssistantEvent = DeltaEvent | ToolEvent | DoneEvent

/** A structural subset of pino's logger, so any pino instance (or a test double) fits. */
export interface AssistantLogger {
  debug: (obj: object, msg?: string) => void
  warn: (obj: object, msg?: string) => void
}

export type Clock = () => Date
