// Decorates `fastify.assistant`: the lib/assistant engine (reply loop, tools get_datetime, get_holidays
// and get_weather over fastify.weather, the offline provider) configured from MAX_TOOL_ITERATIONS,
// MAX_CONTEXT_TOKENS and TOOL_TIMEOUT_MS, plus `title(message, signal)`: the offline titler, cached in
// fastify.kv by the sha256 of the message. Tests swap the provider, clock or titler through the app options.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import {
  builtinTools,
  createAssistant,
  createGetWeather,
  createCachedTitler,
  createOfflineProvider,
  createOfflineTitler,
  preloadPlaces,
  preloadTokenizer,
  type Assistant,
  type TitleCache
} from '../../lib/assistant/index.js'
import type { KeyValueStore } from '../../lib/kv/types.js'
import type { AssistantObserver } from '../../lib/assistant/observer.js'
import type { AppMetrics } from '../../lib/metrics/app-metrics.js'
import type { TitleMaker } from '../../lib/chat/index.js'
import type { AppOptions } from '../../app.js'

export interface AssistantService extends Assistant {
  /** A title (at most 60 characters, grapheme-safe) for a conversation from its first message. */
  title: TitleMaker
}

declare module 'fastify' {
  interface FastifyInstance {
    assistant: AssistantService
  }
}

const TITLE_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000

// The same first message ("/start", "hola") gets its title once; a cache outage only costs a miss.
function kvTitleCache (kv: KeyValueStore): TitleCache {
  return {
    get: (key) => kv.get(`title:${key}`).catch(() => undefined),
    set: (key, title) => kv.set(`title:${key}`, title, TITLE_CACHE_TTL_MS).catch(() => {})
  }
}

// The reply loop's outcomes as Prometheus metrics (DESIGN.md 8).
function assistantMetrics (metrics: AppMetrics): AssistantObserver {
  return {
    reply: (seconds, outcome) => metrics.assistantReplyDuration.observe({ outcome }, seconds),
    toolCall: (tool, outcome, seconds) => {
      metrics.assistantToolCalls.inc({ tool, outcome })
      metrics.assistantToolDuration.observe({ tool, outcome }, seconds)
    },
    modelCall: (provider, outcome, usage) => {
      metrics.llmRequests.inc({ provider, outcome })
      if (usage === undefined) return
      metrics.llmTokens.inc({ direction: 'input' }, usage.promptTokens)
      metrics.llmTokens.inc({ direction: 'output' }, usage.completionTokens)
    }
  }
}

async function assistant (fastify: FastifyInstance, opts: Partial<AppOptions>): Promise<void> {
  const { config } = fastify
  const overrides = opts.assistant ?? {}
  const clock = overrides.clock ?? (() => new Date())
  const engine = createAssistant({
    provider: overrides.provider ?? createOfflineProvider({ clock }),
    tools: [...builtinTools(), createGetWeather(fastify.weather)],
    clock,
    maxToolIterations: config.MAX_TOOL_ITERATIONS,
    maxContextTokens: config.MAX_CONTEXT_TOKENS,
    toolTimeoutMs: config.TOOL_TIMEOUT_MS,
    logger: fastify.log.child({ component: 'assistant' }),
    observer: assistantMetrics(fastify.appMetrics)
  })
  const titler = createCachedTitler(createOfflineTitler(), kvTitleCache(fastify.kv))
  const title: TitleMaker = overrides.title ?? ((message, signal) => titler.title(message, { signal }))
  fastify.log.info({ provider: engine.providerName }, 'assistant ready')
  // The place indexes, the holiday data and the tokenizer take a few hundred milliseconds to load: paid
  // once the server listens, not in the first user's request (and not in tests that never listen).
  fastify.addHook('onListen', async () => {
    preloadPlaces()
    preloadTokenizer()
  })
  fastify.decorate('assistant', { ...engine, title })
}

export default fp(assistant, { name: 'assistant', dependencies: ['@fastify/env', 'redis', 'metrics', 'weather'] })
