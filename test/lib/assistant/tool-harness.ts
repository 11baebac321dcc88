// Runs a tool through a registry (so arguments are validated as in production) with a fixed clock.
// Registries are reused: compiling the schema validator on every call would dominate the run time.

import { createToolRegistry, type Tool, type ToolRegistry, type ToolResult } from '../../../lib/assistant/index.js'

let current = new Date(0)
const registries = new Map<Tool, ToolRegistry>()

export async function runTool (tool: Tool, args: unknown, now: Date): Promise<ToolResult> {
  let registry = registries.get(tool)
  if (registry === undefined) {
    registry = createToolRegistry([tool], { clock: () => current })
    registries.set(tool, registry)
  }
  current = now
  const outcome = await registry.execute({ id: 'test', name: tool.name, arguments: JSON.stringify(args) }, new AbortController().signal)
  return outcome.result
}

/** The success value, failing loudly otherwise. */
export function valueOf<T> (result: ToolResult): T {
  if (!result.ok) throw new Error(`tool failed: ${result.error}`)
  return result.result as T
}

/** Wall-clock fields of an instant in an IANA zone, straight from Intl. */
export function wallClock (instant: Date, timeZone: string): { date: string, time: string, weekday: string, offset: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'long',
    timeZoneName: 'longOffset'
  }).formatToParts(instant).map((part) => [part.type, part.value]))
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '')
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: String(parts.weekday), offset }
}
