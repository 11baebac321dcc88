// The offline provider (DESIGN.md 5.2): no model and no network. It speaks the same protocol as a
// real model: on the user's turn it asks for tool calls, and once the results are in the
// conversation it renders the answer from them, streamed as a few text deltas.

import type { Provider, ProviderEvent, ProviderRequest } from '../provider.js'
import type { ChatMessage, Clock, TokenUsage, ToolCall, ToolResult } from '../types.js'
import { chunkText } from './chunks.js'
import { parseMessage } from './intent.js'
import { planToolCalls } from './plan.js'
import { renderAnswer, type ToolRun } from './render.js'

export interface OfflineProviderOptions {
  /** decides "this month" and the year of a bare month; default the system clock */
  clock?: Clock
}

/** No model ran, so no tokens were used. */
const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 }

function parseJson (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isToolResult (value: unknown): value is ToolResult {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  return value.ok === true ? 'result' in value : value.ok === false && 'error' in value && typeof value.error === 'string'
}

/** Tool calls and their results that follow the user's message. */
function toolRuns (messages: readonly ChatMessage[], from: number): ToolRun[] {
  const calls = new Map<string, ToolCall>()
  const runs: ToolRun[] = []
  for (const message of messages.slice(from)) {
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) calls.set(call.id, call)
    if (message.role !== 'tool') continue
    const call = calls.get(message.toolCallId)
    const args = parseJson(call?.arguments ?? '{}')
    const result = parseJson(message.content)
    runs.push({
      name: message.name,
      arguments: typeof args === 'object' && args !== null ? args as Record<string, unknown> : {},
      result: isToolResult(result) ? result : { ok: false, error: 'unreadable tool result' }
    })
  }
  return runs
}

export function createOfflineProvider (options: OfflineProviderOptions = {}): Provider {
  const clock = options.clock ?? (() => new Date())

  async function * stream (request: ProviderRequest): AsyncGenerator<ProviderEvent, void, undefined> {
    request.signal.throwIfAborted()
    const userIndex = request.messages.findLastIndex((message) => message.role === 'user')
    const user = request.messages[userIndex]
    const parsed = parseMessage(user === undefined ? '' : user.content, clock())
    const available = new Set(request.tools.map((tool) => tool.name))
    const runs = toolRuns(request.messages, userIndex + 1)
    if (runs.length === 0 && request.toolChoice === 'auto') {
      const planned = planToolCalls(parsed, available)
      if (planned.length > 0) {
        for (const [index, call] of planned.entries()) {
          yield { type: 'tool_call', index, id: `call_offline_${index}`, name: call.name, arguments: JSON.stringify(call.arguments) }
        }
        yield { type: 'finish', reason: 'tool_calls', usage: NO_USAGE }
        return
      }
    }
    for (const chunk of chunkText(renderAnswer(parsed, runs, available))) {
      request.signal.throwIfAborted()
      yield { type: 'text', text: chunk }
    }
    yield { type: 'finish', reason: 'stop', usage: NO_USAGE }
  }

  return { name: 'offline', stream }
}
