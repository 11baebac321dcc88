// A provider driven by a script: each turn gets the request and returns the events to stream.
// Requests are recorded (messages copied) so tests can inspect what the model would have seen.

import type { ChatMessage, Provider, ProviderEvent, ProviderRequest } from '../../../lib/assistant/index.js'

export interface RecordedRequest {
  messages: ChatMessage[]
  toolChoice: ProviderRequest['toolChoice']
  tools: string[]
  signal: AbortSignal
}

export interface ScriptedProvider extends Provider {
  requests: RecordedRequest[]
}

export type Turn = (request: ProviderRequest, turn: number) => ProviderEvent[] | AsyncIterable<ProviderEvent>

export function scriptedProvider (turn: Turn): ScriptedProvider {
  const requests: RecordedRequest[] = []
  return {
    name: 'scripted',
    requests,
    async * stream (request) {
      requests.push({
        messages: structuredClone([...request.messages]),
        toolChoice: request.toolChoice,
        tools: request.tools.map((tool) => tool.name),
        signal: request.signal
      })
      yield * turn(request, requests.length - 1)
    }
  }
}

export const text = (value: string): ProviderEvent => ({ type: 'text', text: value })
export const stop = (promptTokens = 0, completionTokens = 0): ProviderEvent =>
  ({ type: 'finish', reason: 'stop', usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens } })
export const toolsFinish: ProviderEvent = { type: 'finish', reason: 'tool_calls' }
export const call = (index: number, name: string, args: unknown, id = `id_${index}`): ProviderEvent =>
  ({ type: 'tool_call', index, id, name, arguments: JSON.stringify(args) })

/** Resolves when `count` parties have arrived: proves calls run concurrently (sequential calls never meet). */
export function barrier (count: number): () => Promise<void> {
  let arrived = 0
  let release: () => void = () => {}
  const all = new Promise<void>((resolve) => { release = resolve })
  return async () => {
    arrived++
    if (arrived === count) release()
    await all
  }
}
