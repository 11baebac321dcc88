// What a tool is: one file exporting `defineTool({ name, description, parameters, execute })`.
// `parameters` is a TypeBox schema, i.e. plain JSON schema usable as an OpenAI function schema;
// `execute` receives arguments already validated against it.

import type { Static, TSchema } from 'typebox'
import type { Clock } from '../types.js'

export interface ToolContext {
  clock: Clock
  /** aborted when the request is cancelled or the tool's timeout elapses */
  signal: AbortSignal
}

export interface Tool<Args = unknown, Result = unknown> {
  readonly name: string
  readonly description: string
  readonly parameters: TSchema
  /** overrides the registry's per-tool timeout */
  readonly timeoutMs?: number
  // Method syntax on purpose: a Tool<{ city: string }> must fit a Tool<unknown> list; the registry
  // validates arguments against `parameters` before calling.
  execute (args: Args, ctx: ToolContext): Promise<Result> | Result
}

/**
 * An error whose message is meant for the model (and through it the user), e.g. "unknown place".
 * Any other error thrown by a tool is logged and reported as a generic failure.
 */
export class ToolError extends Error {
  override name = 'ToolError'
}

export function defineTool<S extends TSchema, Result> (tool: {
  name: string
  description: string
  parameters: S
  timeoutMs?: number
  execute: (args: Static<S>, ctx: ToolContext) => Promise<Result> | Result
}): Tool<Static<S>, Result> {
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    ...(tool.timeoutMs === undefined ? {} : { timeoutMs: tool.timeoutMs }),
    execute: tool.execute
  }
}
