// The per-request costs the performance issue names, each measured alone: a rate-limit decision (the
// in-memory counter the limiter uses without Redis), counting the tokens of a 200-message history as a
// turn's context selection does, and serializing a 50-message conversation with the route's response
// schema (fast-json-stringify, as Fastify does). Run alone with `npx tsx bench/request-path.bench.ts`.

import { pathToFileURL } from 'node:url'
import fastJsonStringify from 'fast-json-stringify'
import { buildContext } from '../lib/assistant/context.js'
import { builtinTools, createToolRegistry } from '../lib/assistant/index.js'
import type { HistoryMessage } from '../lib/assistant/types.js'
import { createMemoryKv } from '../lib/kv/memory-kv.js'
import { kvRateLimitStore } from '../lib/rate-limit/kv-store.js'
import { ConversationWithMessagesSchema } from '../schemas/conversations.js'
import { median, percentile, printFigures, type BenchFigure, sample } from './index.js'

function medianAndP99 (name: string, samples: number[], unit: 'µs' | 'ms', target?: BenchFigure['target']): BenchFigure[] {
  const scale = unit === 'µs' ? 1000 : 1
  return [
    { name: `${name} median`, value: median(samples) * scale, unit, target },
    { name: `${name} p99`, value: percentile(samples, 99) * scale, unit }
  ]
}

async function rateLimitDecision (): Promise<number[]> {
  const store = kvRateLimitStore({ shared: () => undefined, local: createMemoryKv() })
  // 1,000 distinct keys, as many clients share one instance; each call is one decision.
  let call = 0
  const decide = async (): Promise<void> => await new Promise<void>((resolve, reject) => {
    store.incr(`key-${call++ % 1000}`, (error) => { error === null ? resolve() : reject(error) }, 60_000, 1_000_000)
  })
  await sample(decide, 5000)
  return await sample(decide, 50_000)
}

function longHistory (length: number): HistoryMessage[] {
  const sentence = 'When is the next public holiday in Spain, and what will the weather be like in Barcelona that day? '
  return Array.from({ length }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `${index}: ${sentence.repeat(1 + (index % 4))}`
  }))
}

async function tokenCounting (): Promise<number[]> {
  const history = longHistory(200)
  const tools = createToolRegistry(builtinTools(), { clock: () => new Date() }).definitions
  // A budget larger than the history, so every message is counted, as in the worst turn.
  const select = (): void => {
    buildContext({ systemPrompt: 'You are a helpful assistant.', history, message: 'and tomorrow?', tools, maxContextTokens: 1_000_000 })
  }
  await sample(select, 20)
  return await sample(select, 300)
}

async function serialization (): Promise<number[]> {
  const stringify = fastJsonStringify(ConversationWithMessagesSchema)
  const now = new Date().toISOString()
  const body = {
    conversation: { id: '665f1c2ab4e1f2a3b4c5d6e7', title: 'Holidays and weather in Spain', createdAt: now, updatedAt: now, messageCount: 50, metadata: { platform: 'web' } },
    messages: longHistory(50).map((message, index) => ({
      id: `665f1c2ab4e1f2a3b4c5${String(index).padStart(4, '0')}`,
      role: message.role,
      content: message.content,
      createdAt: now,
      ...(message.role === 'assistant' ? { toolCalls: [{ name: 'get_holidays', ok: true }] } : {})
    })),
    nextBefore: null
  }
  const serialize = (): string => stringify(body)
  await sample(serialize, 500)
  return await sample(serialize, 5000)
}

export default async function requestPathBench (): Promise<void> {
  const figures: BenchFigure[] = [
    ...medianAndP99('rate-limit decision (in memory, 1,000 keys)', await rateLimitDecision(), 'µs', { label: '< 20 µs', met: (value) => value < 20 }),
    ...medianAndP99('token counting of a 200-message history', await tokenCounting(), 'ms', { label: '< 5 ms', met: (value) => value < 5 }),
    ...medianAndP99('serializing a 50-message conversation', await serialization(), 'ms')
  ]
  printFigures('request path: one operation per sample', figures)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  requestPathBench().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
