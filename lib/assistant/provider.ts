// The provider contract. Events follow the OpenAI SDK's streaming Chat Completions chunks:
// text arrives as `delta.content`, tool calls as `delta.tool_calls[]` fragments keyed by `index`
// (id and name in the first fragment, `function.arguments` split over many), and usage in the last
// chunk when `stream_options.include_usage` is set. An OpenAI provider forwards them unchanged.

import type { ChatMessage, TokenUsage, ToolCall } from './types.js'

/** A JSON schema object, usable as an OpenAI function `parameters`. */
export type JsonSchema = Readonly<Record<string, unknown>>

/** A tool as the model sees it (OpenAI `{ type: 'function', function: { name, description, parameters } }`). */
export interface ToolDefinition {
  name: string
  description: string
  parameters: JsonSchema
}

export interface ProviderRequest {
  messages: readonly ChatMessage[]
  tools: readonly ToolDefinition[]
  /** 'none' on the last round: the model must answer without calling tools (OpenAI `tool_choice`). */
  toolChoice: 'auto' | 'none'
  signal: AbortSignal
}

export interface ProviderTextEvent {
  type: 'text'
  text: string
}

/** One fragment of a tool call; fragments with the same index concatenate (`arguments` too). */
export interface ProviderToolCallEvent {
  type: 'tool_call'
  index: number
  id?: string
  name?: string
  arguments?: string
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter'

export interface ProviderFinishEvent {
  type: 'finish'
  reason: FinishReason
  usage?: TokenUsage
}

export type ProviderEvent = ProviderTextEvent | ProviderToolCallEvent | ProviderFinishEvent

export interface Provider {
  /** short identifier for logs and metrics ("offline", "openai") */
  readonly name: string
  /** the model it asks, when there is one (the `gen_ai.request.model` of its spans) */
  readonly model?: string
  /** Streams one model turn. Must stop promptly (rejecting with the signal's reason) when `signal` aborts. */
  stream: (request: ProviderRequest) => AsyncIterable<ProviderEvent>
}

interface PartialToolCall {
  id: string
  name: string
  arguments: string
}

/** Assembles streamed tool-call fragments into complete calls, in index order. */
export class ToolCallAccumulator {
  readonly #calls = new Map<number, PartialToolCall>()

  add (event: ProviderToolCallEvent): void {
    const call = this.#calls.get(event.index) ?? { id: '', name: '', arguments: '' }
    if (event.id !== undefined && event.id !== '') call.id = event.id
    // The name comes whole in the first fragment; some compatible servers repeat it in later ones.
    if (event.name !== undefined && call.name === '') call.name = event.name
    if (event.arguments !== undefined) call.arguments += event.arguments
    this.#calls.set(event.index, call)
  }

  get size (): number {
    return this.#calls.size
  }

  /** Complete calls; a call without an id gets `fallbackId(index)`. */
  calls (fallbackId: (index: number) => string): ToolCall[] {
    return [...this.#calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        id: call.id === '' ? fallbackId(index) : call.id,
        name: call.name,
        arguments: call.arguments === '' ? '{}' : call.arguments
      }))
  }
}
