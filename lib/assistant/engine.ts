// The reply loop (DESIGN.md 5.1): context within the token budget, then provider turns; tool calls
// requested in a turn run in parallel and their results go back, for at most `maxToolIterations`
// rounds, after which the model must answer without tools. Everything is streamed as events, and
// an abort (client gone) stops the provider and the tools at once. Each reply is an `assistant.reply`
// span with one child per model turn and per tool call; the observer receives the same for metrics.

import { endSpan, startSpan, within, type ChildSpan } from '../telemetry/spans.js'
import { buildContext } from './context.js'
import type { AssistantObserver, Outcome } from './observer.js'
import { DEFAULT_SYSTEM_PROMPT } from './prompts.js'
import { ToolCallAccumulator, type FinishReason, type Provider, type ProviderRequest, type ToolDefinition } from './provider.js'
import { createToolRegistry } from './tools/registry.js'
import type { Tool } from './tools/tool.js'
import type {
  AssistantEvent, AssistantLogger, ChatMessage, Clock, DoneEvent, HistoryMessage, TokenUsage, ToolCall, ToolCallSummary
} from './types.js'

export interface AssistantOptions {
  provider: Provider
  tools?: readonly Tool[]
  clock?: Clock
  /** rounds of tool execution before the model must answer without tools; default 5 */
  maxToolIterations?: number
  /** default per-tool timeout; default 10 s */
  toolTimeoutMs?: number
  /** budget for system prompt + summary + tools + history + message + the reply; default 8000 */
  maxContextTokens?: number
  /** tokens kept free in `maxContextTokens` for the model's reply (its max output); default 0 */
  replyReserveTokens?: number
  /**
   * longest reply in characters, over every round; a model that runs past it is stopped and the reply cut
   * there (finish reason `length`), so a runaway model cannot grow a reply past what can be stored; default 32,000
   */
  maxReplyChars?: number
  logger?: AssistantLogger
  /** receives reply, model-call and tool-call outcomes for metrics */
  observer?: AssistantObserver
}

export interface ReplyInput {
  /** the new user message (always sent, even over budget) */
  message: string
  /** earlier messages, oldest first, without the new message */
  history?: readonly HistoryMessage[]
  /** rolling summary of messages older than `history` */
  summary?: string
  /** defaults to DEFAULT_SYSTEM_PROMPT */
  systemPrompt?: string
  /** abort when the client goes away: the provider and tools stop, the stream rejects with the reason */
  signal?: AbortSignal
}

export type ReplyResult = Omit<DoneEvent, 'type'>

export interface Assistant {
  readonly providerName: string
  /** tokens a request may use: maxContextTokens minus the reply reserve */
  readonly promptBudget: number
  /** the tool definitions every request carries (their tokens count against the budget) */
  readonly tools: readonly ToolDefinition[]
  /** Yields `delta` and `tool` events, then exactly one `done`. */
  stream: (input: ReplyInput) => AsyncGenerator<AssistantEvent, void, undefined>
  /** The whole reply at once (the same loop, events collected). */
  reply: (input: ReplyInput) => Promise<ReplyResult>
}

const EMPTY_REPLY = 'Sorry, I could not produce an answer this time.'

function abortReason (signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

/** Settles like `promise`, or rejects with the abort reason as soon as `signal` aborts. */
function untilAborted<T> (promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value) },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error) }
    )
  })
}

// Aborts whatever the reply left running (a provider stream, a tool) once it has ended. One reason for
// every reply: abort() without one builds a DOMException, stack trace included, on every turn (1% of
// a chat turn's CPU in the profile).
const REPLY_ENDED = new Error('the reply ended')

function addUsage (total: TokenUsage, usage: TokenUsage | undefined): void {
  if (usage === undefined) return
  total.promptTokens += usage.promptTokens
  total.completionTokens += usage.completionTokens
  total.totalTokens += usage.totalTokens
}

interface TurnOutcome {
  text: string
  calls: ToolCall[]
  finish: FinishReason | undefined
  /** the reply reached maxReplyChars in this turn */
  truncated: boolean
}

// The first `length` UTF-16 units of `text`, without splitting a surrogate pair.
export function cutAt (text: string, length: number): string {
  if (length <= 0) return ''
  const code = text.charCodeAt(length - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length)
}

function positiveInteger (name: string, value: number, allowZero: boolean): number {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new RangeError(`${name} must be an integer ${allowZero ? '>= 0' : '> 0'}`)
  return value
}

// How a turn or reply ended: it completed, or it failed, or it was abandoned (the client went away, or
// the consumer stopped reading), which is no failure of the model.
function outcomeOf (completed: boolean, failure: unknown, signal: AbortSignal): Outcome {
  if (completed) return 'ok'
  return failure === undefined || signal.aborted ? 'aborted' : 'error'
}

export function createAssistant (options: AssistantOptions): Assistant {
  const { provider, logger, observer } = options
  const modelAttributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.system': provider.name,
    ...(provider.model === undefined ? {} : { 'gen_ai.request.model': provider.model })
  }
  const clock = options.clock ?? (() => new Date())
  const maxToolIterations = positiveInteger('maxToolIterations', options.maxToolIterations ?? 5, true)
  const maxContextTokens = positiveInteger('maxContextTokens', options.maxContextTokens ?? 8000, false)
  const replyReserveTokens = positiveInteger('replyReserveTokens', options.replyReserveTokens ?? 0, true)
  if (replyReserveTokens >= maxContextTokens) throw new RangeError('replyReserveTokens must be below maxContextTokens')
  const promptBudget = maxContextTokens - replyReserveTokens
  const maxReplyChars = positiveInteger('maxReplyChars', options.maxReplyChars ?? 32_000, false)
  const registry = createToolRegistry(options.tools ?? [], {
    clock,
    timeoutMs: positiveInteger('toolTimeoutMs', options.toolTimeoutMs ?? 10_000, false),
    ...(logger === undefined ? {} : { logger }),
    ...(observer?.toolCall === undefined ? {} : { onToolCall: observer.toolCall })
  })
  const tools = registry.definitions

  /** One provider turn: forwards text as deltas (after `separator`), collects tool-call fragments. */
  // The provider runs inside the turn's span, so its outbound HTTP call is a child of it.
  // `room` is how many characters the reply may still grow by (separator included); past it the turn stops.
  async function * turn (request: ProviderRequest, separator: string, room: number, round: number, usage: TokenUsage, parent: ChildSpan): AsyncGenerator<AssistantEvent, TurnOutcome, undefined> {
    const { span, context } = startSpan(`chat ${provider.model ?? provider.name}`, modelAttributes, parent.context)
    const iterator = within(context, () => provider.stream(request)[Symbol.asyncIterator]())
    const accumulator = new ToolCallAccumulator()
    let text = ''
    let finish: FinishReason | undefined
    let turnUsage: TokenUsage | undefined
    let completed = false
    let truncated = false
    let failure: unknown
    try {
      while (true) {
        const next = await untilAborted(within(context, () => iterator.next()), request.signal)
        if (next.done === true) break
        const event = next.value
        if (event.type === 'text') {
          if (event.text === '') continue
          const left = room - separator.length - text.length
          const piece = event.text.length <= left ? event.text : cutAt(event.text, left)
          if (piece !== '') {
            if (text === '' && separator !== '') yield { type: 'delta', text: separator }
            text += piece
            yield { type: 'delta', text: piece }
          }
          if (piece.length < event.text.length) {
            truncated = true
            finish = 'length'
            logger?.warn({ provider: provider.name, round, maxReplyChars }, 'reply reached maxReplyChars: the model was stopped and the reply cut')
            break
          }
        } else if (event.type === 'tool_call') {
          accumulator.add(event)
        } else {
          finish = event.reason
          turnUsage = event.usage
          addUsage(usage, event.usage)
        }
      }
      completed = true
    } catch (error) {
      failure = error
      throw error
    } finally {
      if (turnUsage !== undefined) {
        span.setAttributes({ 'gen_ai.usage.input_tokens': turnUsage.promptTokens, 'gen_ai.usage.output_tokens': turnUsage.completionTokens })
      }
      if (finish !== undefined) span.setAttribute('gen_ai.response.finish_reasons', [finish])
      const outcome = outcomeOf(completed, failure, request.signal)
      endSpan(span, outcome === 'error' ? failure : undefined)
      observer?.modelCall?.(provider.name, outcome, turnUsage)
      // A provider left mid-stream (abort, or the consumer stopped) must release its connection;
      // not awaited because a misbehaving provider could hang here.
      if (!completed || truncated) Promise.resolve(iterator.return?.()).catch(() => {})
    }
    // A cut reply ends the answer: tool calls the model was still assembling are dropped.
    return { text, calls: truncated ? [] : accumulator.calls((index) => `call_${round}_${index}`), finish, truncated }
  }

  async function * stream (input: ReplyInput): AsyncGenerator<AssistantEvent, void, undefined> {
    const parent = input.signal
    if (parent?.aborted === true) throw abortReason(parent)
    const controller = new AbortController()
    const onAbort = (): void => controller.abort(parent === undefined ? undefined : abortReason(parent))
    parent?.addEventListener('abort', onAbort, { once: true })
    const signal = controller.signal
    const started = performance.now()
    const replySpan = startSpan('assistant.reply', modelAttributes)
    let failure: unknown
    let finished = false
    const totals: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 }
    try {
      const context = buildContext({
        systemPrompt: input.systemPrompt ?? DEFAULT_SYSTEM_PROMPT,
        history: input.history ?? [],
        message: input.message,
        tools,
        maxContextTokens: promptBudget,
        ...(input.summary === undefined ? {} : { summary: input.summary })
      })
      const messages: ChatMessage[] = context.messages
      const toolCalls: ToolCallSummary[] = []
      let content = ''
      for (let round = 0; ; round++) {
        const allowTools = round < maxToolIterations && tools.length > 0
        const request: ProviderRequest = { messages, tools, toolChoice: allowTools ? 'auto' : 'none', signal }
        const outcome = yield * turn(request, content === '' ? '' : '\n\n', maxReplyChars - content.length, round, totals, replySpan)
        if (outcome.text !== '') content += (content === '' ? '' : '\n\n') + outcome.text
        if (outcome.truncated) break
        logger?.debug({ provider: provider.name, round, toolCalls: outcome.calls.length, finish: outcome.finish }, 'assistant turn')
        if (outcome.calls.length === 0) break
        if (!allowTools) {
          logger?.warn({ provider: provider.name, round, toolCalls: outcome.calls.length }, 'provider asked for tools after the last tool round; ignored')
          break
        }
        messages.push({ role: 'assistant', content: outcome.text, toolCalls: outcome.calls })
        const outcomes = await untilAborted(within(replySpan.context, () => registry.executeAll(outcome.calls, signal)), signal)
        for (const result of outcomes) {
          toolCalls.push({ name: result.call.name, ok: result.result.ok })
          messages.push({ role: 'tool', toolCallId: result.call.id, name: result.call.name, content: result.content })
          yield { type: 'tool', name: result.call.name, ok: result.result.ok, arguments: result.arguments }
        }
      }
      if (content.trim() === '') {
        logger?.warn({ provider: provider.name }, 'provider produced no text; sending the fallback reply')
        yield { type: 'delta', text: EMPTY_REPLY }
        content += EMPTY_REPLY
      }
      // Complete from here: a consumer that stops reading at `done` leaves the generator at this yield.
      finished = true
      yield {
        type: 'done',
        content,
        toolCalls,
        usage: { ...totals },
        context: { historyMessages: context.historyMessages, droppedMessages: context.droppedMessages, promptTokens: context.promptTokens }
      }
    } catch (error) {
      failure = error
      throw error
    } finally {
      parent?.removeEventListener('abort', onAbort)
      const outcome = outcomeOf(finished, failure, signal)
      replySpan.span.setAttributes({ 'gen_ai.usage.input_tokens': totals.promptTokens, 'gen_ai.usage.output_tokens': totals.completionTokens })
      endSpan(replySpan.span, outcome === 'error' ? failure : undefined)
      observer?.reply?.((performance.now() - started) / 1000, outcome)
      controller.abort(REPLY_ENDED)
    }
  }

  async function reply (input: ReplyInput): Promise<ReplyResult> {
    for await (const event of stream(input)) {
      if (event.type === 'done') {
        const { type: _type, ...result } = event
        return result
      }
    }
    throw new Error('assistant stream ended without a done event')
  }

  return { providerName: provider.name, promptBudget, tools, stream, reply }
}
