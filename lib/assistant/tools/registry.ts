// Runs the model's tool calls: looks the tool up, parses and validates the JSON arguments against
// the tool's schema, runs calls in parallel with a per-tool timeout, and turns every failure
// (unknown tool, bad JSON, invalid arguments, thrown error, timeout, cancellation) into an explicit
// `{ ok: false, error }` result for the model. Nothing a tool does is thrown through the loop. Each call
// is a `tool.<name>` span (its outbound HTTP and database calls are children) with its outcome.

import { Compile } from 'typebox/compile'
import { endSpan, startSpan, within } from '../../telemetry/spans.js'
import type { ToolDefinition } from '../provider.js'
import type { AssistantLogger, Clock, ToolCall, ToolResult } from '../types.js'
import { ToolError, type Tool } from './tool.js'

export interface ToolRegistryOptions {
  clock: Clock
  /** default per-tool timeout (a tool's own `timeoutMs` wins); default 10 s */
  timeoutMs?: number
  logger?: AssistantLogger
  /** every call's outcome, for metrics: ok when the tool returned a result */
  onToolCall?: (tool: string, outcome: 'ok' | 'error', seconds: number) => void
}

export interface ToolOutcome {
  call: ToolCall
  /** parsed arguments, or the raw text when it was not JSON */
  arguments: unknown
  result: ToolResult
  /** `result` as JSON: what goes back to the model */
  content: string
  durationMs: number
}

export interface ToolRegistry {
  readonly definitions: readonly ToolDefinition[]
  has: (name: string) => boolean
  execute: (call: ToolCall, signal: AbortSignal) => Promise<ToolOutcome>
  /** Runs every call concurrently; outcomes keep the calls' order. */
  executeAll: (calls: readonly ToolCall[], signal: AbortSignal) => Promise<ToolOutcome[]>
}

interface Entry {
  tool: Tool
  validator: ReturnType<typeof Compile>
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/
const DEFAULT_TIMEOUT_MS = 10_000
const MAX_REPORTED_ERRORS = 3

class Timeout extends Error {}
class Cancelled extends Error {}

function describeValidation (entry: Entry, args: unknown): string {
  const messages = new Set<string>()
  for (const error of entry.validator.Errors(args)) {
    if (error.keyword === 'boolean') continue
    messages.add(`${error.instancePath === '' ? 'arguments' : error.instancePath} ${error.message}`)
    if (messages.size >= MAX_REPORTED_ERRORS) break
  }
  return `invalid arguments for ${entry.tool.name}: ${[...messages].join('; ')}`
}

function serialize (result: ToolResult): { result: ToolResult, content: string } {
  try {
    return { result, content: JSON.stringify(result) }
  } catch {
    const failure: ToolResult = { ok: false, error: 'the tool returned a result that is not JSON' }
    return { result: failure, content: JSON.stringify(failure) }
  }
}

/** Resolves with the tool's value, or rejects with Timeout / Cancelled, whichever comes first. */
function runBounded<T> (run: (signal: AbortSignal) => Promise<T> | T, timeoutMs: number, parent: AbortSignal): Promise<T> {
  if (parent.aborted) return Promise.reject(new Cancelled())
  const controller = new AbortController()
  return new Promise<T>((resolve, reject) => {
    // `timer` is read only when settling, which cannot happen before it is assigned below.
    const settle = (outcome: () => void): void => {
      clearTimeout(timer)
      parent.removeEventListener('abort', onAbort)
      outcome()
    }
    const onAbort = (): void => settle(() => {
      controller.abort(parent.reason)
      reject(new Cancelled())
    })
    const timer = setTimeout(() => settle(() => {
      controller.abort(new Timeout())
      reject(new Timeout())
    }), timeoutMs)
    parent.addEventListener('abort', onAbort, { once: true })
    Promise.resolve()
      .then(() => run(controller.signal))
      .then((value) => settle(() => resolve(value)), (error: unknown) => settle(() => reject(error)))
  })
}

export function createToolRegistry (tools: readonly Tool[], options: ToolRegistryOptions): ToolRegistry {
  const entries = new Map<string, Entry>()
  for (const tool of tools) {
    if (!TOOL_NAME.test(tool.name)) throw new TypeError(`invalid tool name: ${tool.name}`)
    if (entries.has(tool.name)) throw new TypeError(`duplicate tool name: ${tool.name}`)
    entries.set(tool.name, { tool, validator: Compile(tool.parameters) })
  }
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const definitions: ToolDefinition[] = [...entries.values()].map(({ tool }) => ({
    name: tool.name,
    description: tool.description,
    // A JSON round trip drops TypeBox's symbol keys: what the model receives is plain JSON schema.
    parameters: JSON.parse(JSON.stringify(tool.parameters)) as Record<string, unknown>
  }))

  async function resultOf (call: ToolCall, args: unknown, parsed: boolean, signal: AbortSignal): Promise<ToolResult> {
    const entry = entries.get(call.name)
    if (entry === undefined) return { ok: false, error: `unknown tool: ${call.name}` }
    if (!parsed) return { ok: false, error: `arguments for ${call.name} are not valid JSON` }
    if (!entry.validator.Check(args)) return { ok: false, error: describeValidation(entry, args) }
    const timeoutMs = entry.tool.timeoutMs ?? defaultTimeout
    try {
      const value = await runBounded((toolSignal) => entry.tool.execute(args, { clock: options.clock, signal: toolSignal }), timeoutMs, signal)
      return { ok: true, result: value }
    } catch (error) {
      if (error instanceof Timeout) return { ok: false, error: `${call.name} timed out after ${timeoutMs} ms` }
      if (error instanceof Cancelled) return { ok: false, error: `${call.name} was cancelled` }
      if (error instanceof ToolError) return { ok: false, error: error.message }
      options.logger?.warn({ err: error, tool: call.name }, 'tool failed')
      return { ok: false, error: `${call.name} failed unexpectedly` }
    }
  }

  async function execute (call: ToolCall, signal: AbortSignal): Promise<ToolOutcome> {
    // An unknown name is the model's invention: it gets no span or metric label of its own.
    const name = entries.has(call.name) ? call.name : 'unknown'
    const { span, context } = startSpan(`tool.${name}`, { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name })
    const started = performance.now()
    let args: unknown = call.arguments
    let parsed = false
    try {
      args = JSON.parse(call.arguments === '' ? '{}' : call.arguments)
      parsed = true
    } catch {
      parsed = false
    }
    const { result, content } = serialize(await within(context, () => resultOf(call, args, parsed, signal)))
    const durationMs = performance.now() - started
    span.setAttribute('tool.outcome', result.ok ? 'ok' : 'error')
    endSpan(span)
    options.onToolCall?.(name, result.ok ? 'ok' : 'error', durationMs / 1000)
    if (!result.ok) options.logger?.debug({ tool: call.name, error: result.error, durationMs }, 'tool call returned an error')
    return { call, arguments: args, result, content, durationMs }
  }

  return {
    definitions,
    has: (name) => entries.has(name),
    execute,
    executeAll: (calls, signal) => Promise.all(calls.map((call) => execute(call, signal)))
  }
}
