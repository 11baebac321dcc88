// The OpenAI-compatible provider (DESIGN.md 5.2): Chat Completions through the official `openai` SDK on an
// undici dispatcher, for OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, llama.cpp's server or OpenRouter.
// Every request runs under a lib/resilience policy (deadline, jittered retries on network errors, 429
// and 5xx honouring Retry-After, circuit breaker): the SDK's own retries are off so nothing retries twice.
// The policy covers a request until the model starts answering; once chunks flow nothing is retried (the
// client has seen text), and undici's body timeout bounds the silence between chunks. The caller's signal
// aborts the HTTP request at any point, so a client that went away stops the model's spending.

import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai'
import type {
  ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool
} from 'openai/resources/chat/completions/completions'
import { fetch as undiciFetch, type Dispatcher } from 'undici'
import {
  isCircuitOpen, isTransientError, parseRetryAfter, type ResiliencePolicy
} from '../../resilience/index.js'
import type { FinishReason, Provider, ProviderEvent, ProviderRequest, ToolDefinition } from '../provider.js'
import type { ChatMessage, TokenUsage } from '../types.js'

export interface OpenAIProviderOptions {
  /** sent as `Authorization: Bearer`; servers that need none (Ollama, vLLM) get a placeholder */
  apiKey?: string | undefined
  /** default https://api.openai.com/v1 */
  baseUrl?: string | undefined
  model: string
  /** deadline of one request until the model starts answering, retries included */
  timeoutMs: number
  /** the longest a reply may be, in tokens (`max_completion_tokens`) */
  maxOutputTokens: number
  policy: ResiliencePolicy
  dispatcher: Dispatcher
  /** for Retry-After dates */
  now?: () => number
}

export interface CompletionRequest {
  messages: readonly ChatMessage[]
  /** another model than the provider's (titles may use a cheaper one) */
  model?: string
  maxOutputTokens: number
  signal: AbortSignal
}

export interface Completion {
  text: string
  usage: TokenUsage | undefined
}

export interface OpenAIProvider extends Provider {
  readonly model: string
  /** One whole answer without tools and without streaming (titles, summaries). */
  complete: (request: CompletionRequest) => Promise<Completion>
}

/** The model could not be asked; carries how long the client should wait (the 503's Retry-After). */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError'
  readonly retryAfterSeconds: number | undefined

  constructor (message: string, retryAfterSeconds: number | undefined, options?: ErrorOptions) {
    super(message, options)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

const NO_KEY = 'unused'
const FINISH_REASONS = new Set<string>(['stop', 'length', 'tool_calls', 'content_filter'])

/** The wait an error response asked for: `retry-after-ms` (OpenAI's), else `Retry-After` (seconds or a date). */
export function retryAfterOfResponse (error: unknown, now: number): number | undefined {
  if (!(error instanceof APIError) || error.headers === undefined) return undefined
  const { headers } = error
  const millis = Number(headers.get('retry-after-ms'))
  if (headers.get('retry-after-ms') !== null && Number.isFinite(millis) && millis >= 0) return millis
  return parseRetryAfter(headers.get('retry-after') ?? undefined, now)
}

/** Worth another attempt: what lib/resilience says, plus the SDK's own connection failures and timeouts. */
export function isTransientModelError (error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false
  return error instanceof APIConnectionError || isTransientError(error)
}

function toOpenAIMessage (message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content }
    case 'user':
      return { role: 'user', content: message.content }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content }
    case 'assistant':
      return message.toolCalls === undefined || message.toolCalls.length === 0
        ? { role: 'assistant', content: message.content }
        : {
            role: 'assistant',
            // Some servers refuse an empty string next to tool calls; null is the API's "no text".
            content: message.content === '' ? null : message.content,
            tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }))
          }
  }
}

// The same definitions array every request (the registry's, in registration order): mapped once, so the
// tools part of the prompt is byte-identical between requests and providers' prompt caches can reuse it.
const toolCache = new WeakMap<readonly ToolDefinition[], ChatCompletionTool[]>()

function toOpenAITools (tools: readonly ToolDefinition[]): ChatCompletionTool[] {
  let mapped = toolCache.get(tools)
  if (mapped === undefined) {
    mapped = tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters } } }))
    toolCache.set(tools, mapped)
  }
  return mapped
}

function usageOf (usage: ChatCompletionChunk['usage'] | undefined): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens }
}

function isFinishReason (reason: string | null | undefined): reason is FinishReason {
  return reason !== null && reason !== undefined && FINISH_REASONS.has(reason)
}

/** Links `signal` into a controller of our own, which outlives the policy's per-attempt signals. */
function follow (signal: AbortSignal): { controller: AbortController, dispose: () => void } {
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(signal.reason)
  if (signal.aborted) onAbort()
  else signal.addEventListener('abort', onAbort, { once: true })
  return { controller, dispose: () => signal.removeEventListener('abort', onAbort) }
}

export function createOpenAIProvider (options: OpenAIProviderOptions): OpenAIProvider {
  const { model, policy } = options
  const now = options.now ?? Date.now
  const client = new OpenAI({
    apiKey: options.apiKey ?? NO_KEY,
    ...(options.baseUrl === undefined ? {} : { baseURL: options.baseUrl }),
    // lib/resilience retries; the SDK's timeout only backs up the policy's deadline.
    maxRetries: 0,
    timeout: options.timeoutMs,
    // npm undici's fetch with its Agent: the connection pool and timeouts we configure, whatever Node
    // version bundles which undici.
    fetch: async (url: string | URL | Request, init?: RequestInit): Promise<Response> =>
      Reflect.apply(undiciFetch, undefined, [url, { ...init, dispatcher: options.dispatcher }])
  })

  /** Turns whatever ended a request into the error the engine reports (a 503 with Retry-After upstream). */
  function unavailable (error: unknown, signal: AbortSignal): unknown {
    if (signal.aborted) return signal.reason ?? error
    if (isCircuitOpen(error)) return new ModelUnavailableError('the language model circuit is open', undefined, { cause: error })
    const waitMs = retryAfterOfResponse(error, now())
    return new ModelUnavailableError('the language model is unavailable', waitMs === undefined ? undefined : Math.ceil(waitMs / 1000), { cause: error })
  }

  async function * stream (request: ProviderRequest): AsyncGenerator<ProviderEvent, void, undefined> {
    const { signal } = request
    const tools = toOpenAITools(request.tools)
    const body = {
      model,
      messages: request.messages.map(toOpenAIMessage),
      stream: true as const,
      stream_options: { include_usage: true },
      max_completion_tokens: options.maxOutputTokens,
      ...(tools.length === 0 ? {} : { tools, tool_choice: request.toolChoice, parallel_tool_calls: true })
    }
    let opened: { chunks: AsyncIterable<ChatCompletionChunk>, controller: AbortController, dispose: () => void }
    try {
      opened = await policy.execute(async (attempt) => {
        // The attempt's signal ends with the policy's call, so it governs the request only until the answer
        // starts; the stream itself lives on a controller that follows the caller's signal alone.
        const link = follow(signal)
        const onAttemptAbort = (): void => link.controller.abort(attempt.reason)
        attempt.addEventListener('abort', onAttemptAbort, { once: true })
        try {
          return { chunks: await client.chat.completions.create(body, { signal: link.controller.signal }), ...link }
        } catch (error) {
          link.dispose()
          throw error
        } finally {
          attempt.removeEventListener('abort', onAttemptAbort)
        }
      }, signal)
    } catch (error) {
      throw unavailable(error, signal)
    }
    const { chunks, controller, dispose } = opened
    let finish: FinishReason | undefined
    let usage: TokenUsage | undefined
    try {
      for await (const chunk of chunks) {
        usage = usageOf(chunk.usage) ?? usage
        const choice = chunk.choices[0]
        if (choice === undefined) continue
        const { delta } = choice
        if (typeof delta.content === 'string' && delta.content !== '') yield { type: 'text', text: delta.content }
        for (const call of delta.tool_calls ?? []) {
          const event: ProviderEvent = { type: 'tool_call', index: call.index }
          if (call.id !== undefined) event.id = call.id
          if (call.function?.name !== undefined) event.name = call.function.name
          if (call.function?.arguments !== undefined) event.arguments = call.function.arguments
          yield event
        }
        if (isFinishReason(choice.finish_reason)) finish = choice.finish_reason
      }
      // The SDK ends an aborted stream quietly; the contract is to reject with the caller's reason.
      signal.throwIfAborted()
      // A completion stream ends with a finish reason. Without one the answer was cut short or was no
      // completion at all (an HTML page or a proxy's junk with status 200, which the SDK reads as an empty
      // stream): an outage to retry with POST .../reply, not a reply to store.
      if (finish === undefined) throw new Error('the model\'s answer ended without a finish reason')
    } catch (error) {
      throw unavailable(error, signal)
    } finally {
      // The consumer stopped early (or a chunk failed): close the HTTP stream.
      controller.abort()
      dispose()
    }
    yield { type: 'finish', reason: finish, ...(usage === undefined ? {} : { usage }) }
  }

  async function complete (request: CompletionRequest): Promise<Completion> {
    const { signal } = request
    try {
      const answer = await policy.execute((attempt) => client.chat.completions.create({
        model: request.model ?? model,
        messages: request.messages.map(toOpenAIMessage),
        max_completion_tokens: request.maxOutputTokens
      }, { signal: AbortSignal.any([attempt, signal]) }), signal)
      return { text: answer.choices[0]?.message.content ?? '', usage: usageOf(answer.usage) }
    } catch (error) {
      throw unavailable(error, signal)
    }
  }

  return { name: 'openai', model, stream, complete }
}
