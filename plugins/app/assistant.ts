// Decorates `fastify.assistant`: the lib/assistant engine (reply loop, tools get_datetime, get_holidays
// and get_weather over fastify.weather) on the provider LLM_PROVIDER chooses (an OpenAI-compatible model,
// or the offline one), configured from MAX_TOOL_ITERATIONS, MAX_CONTEXT_TOKENS and TOOL_TIMEOUT_MS, plus
// `title(message, signal)` (the model's title, the offline heuristic when there is no model or it fails,
// cached in fastify.kv) and, with a model, `summarizer` for the rolling summary. The model's circuit is
// exported as circuit_breaker_state{breaker="llm"}. Tests swap the provider, clock or titler.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import {
  builtinTools,
  createAssistant,
  createGetWeather,
  createCachedTitler,
  createOfflineProvider,
  createOfflineTitler,
  heuristicTitle,
  type Assistant,
  type TitleCache
} from '../../lib/assistant/index.js'
import type { KeyValueStore } from '../../lib/kv/types.js'
import { chooseProvider } from '../../lib/assistant/providers/choose.js'
import type { CompletionRequest, OpenAIProvider } from '../../lib/assistant/providers/openai.js'
import { createModelTitler } from '../../lib/assistant/model-titler.js'
import { createSummarizer, type Summarizer } from '../../lib/assistant/summarizer.js'
import { BREAKER_STATE_VALUE } from '../../lib/resilience/index.js'
import type { AssistantObserver } from '../../lib/assistant/observer.js'
import type { AppMetrics } from '../../lib/metrics/app-metrics.js'
import type { TitleMaker } from '../../lib/chat/index.js'
import type { AppOptions } from '../../app.js'

export interface AssistantService extends Assistant {
  /** A title (at most 60 characters, grapheme-safe) for a conversation from its first message. */
  title: TitleMaker
  /** Folds old messages into the rolling summary; absent offline (it keeps only the recent messages). */
  summarizer?: Summarizer
}

declare module 'fastify' {
  interface FastifyInstance {
    assistant: AssistantService
  }
}

const TITLE_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000

// The same first message ("/start", "hola") gets its title once; a cache outage only costs a miss.
// A model's titles are cached apart from the heuristic's, so configuring a model is not hidden by old entries.
function kvTitleCache (kv: KeyValueStore, prefix: string): TitleCache {
  return {
    get: (key) => kv.get(`${prefix}${key}`).catch(() => undefined),
    set: (key, title) => kv.set(`${prefix}${key}`, title, TITLE_CACHE_TTL_MS).catch(() => {})
  }
}

const BREAKER = { breaker: 'llm' } as const

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

// The configured OpenAI-compatible model, its breaker exported and logged, its connections closed with the app.
async function modelProvider (fastify: FastifyInstance): Promise<OpenAIProvider> {
  // Loaded only with a model configured: the zero-setup start does not pay for the SDK.
  const { createModelService } = await import('../../lib/assistant/providers/model-service.js')
  const { config, appMetrics } = fastify
  const log = fastify.log.child({ component: 'llm' })
  appMetrics.circuitBreakerState.set(BREAKER, BREAKER_STATE_VALUE.closed)
  const service = createModelService({
    apiKey: config.LLM_API_KEY,
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    breakerThreshold: config.LLM_BREAKER_THRESHOLD,
    halfOpenAfterMs: config.LLM_BREAKER_HALF_OPEN_MS,
    onBreakerStateChange: (state, lastError) => {
      appMetrics.circuitBreakerState.set(BREAKER, BREAKER_STATE_VALUE[state])
      if (state === 'open') {
        log.warn({ ...BREAKER, state, err: lastError instanceof Error ? lastError.message : undefined }, 'circuit opened: model calls are refused until a probe succeeds')
      } else {
        log.info({ ...BREAKER, state }, state === 'closed' ? 'circuit closed: the model answers again' : 'circuit half-open: probing the model')
      }
    },
    onRetry: (attempt, delayMs, error) => {
      log.warn({ attempt, delayMs: Math.round(delayMs), err: error instanceof Error ? error.message : String(error) }, 'retrying model request')
    }
  })
  fastify.addHook('onClose', () => service.close())
  return service.provider
}

async function assistant (fastify: FastifyInstance, opts: Partial<AppOptions>): Promise<void> {
  const { config } = fastify
  const overrides = opts.assistant ?? {}
  const clock = overrides.clock ?? (() => new Date())
  const model = overrides.provider === undefined && chooseProvider(config) === 'openai' ? await modelProvider(fastify) : undefined
  if (model !== undefined && config.LLM_MAX_OUTPUT_TOKENS * 2 > config.MAX_CONTEXT_TOKENS) {
    // Otherwise the reply reserve leaves too little room for the prompt and its history.
    throw new Error(`LLM_MAX_OUTPUT_TOKENS (${config.LLM_MAX_OUTPUT_TOKENS}) must be at most half of MAX_CONTEXT_TOKENS (${config.MAX_CONTEXT_TOKENS})`)
  }
  const observer = assistantMetrics(fastify.appMetrics)
  const engine = createAssistant({
    provider: overrides.provider ?? model ?? createOfflineProvider({ clock }),
    tools: [...builtinTools(), createGetWeather(fastify.weather)],
    clock,
    maxToolIterations: config.MAX_TOOL_ITERATIONS,
    maxContextTokens: config.MAX_CONTEXT_TOKENS,
    // Offline replies cost no tokens, so the reserve for a model's reply applies only with a model.
    replyReserveTokens: model === undefined ? 0 : config.LLM_MAX_OUTPUT_TOKENS,
    // A reply the model runs past its output limit is cut: about 8 characters a token, never below 32,000.
    maxReplyChars: Math.max(32_000, config.LLM_MAX_OUTPUT_TOKENS * 8),
    toolTimeoutMs: config.TOOL_TIMEOUT_MS,
    logger: fastify.log.child({ component: 'assistant' }),
    observer
  })
  const offlineTitler = createCachedTitler(createOfflineTitler(), kvTitleCache(fastify.kv, 'title:'))
  let title: TitleMaker = (message, signal) => offlineTitler.title(message, { signal })
  let summarizer: Summarizer | undefined
  if (model !== undefined) {
    // Titles and summaries are model requests too: counted in llm_requests_total and llm_tokens_total.
    const complete = async (request: CompletionRequest) => {
      try {
        const answer = await model.complete(request)
        observer.modelCall?.(model.name, 'ok', answer.usage)
        return answer
      } catch (err) {
        observer.modelCall?.(model.name, request.signal.aborted ? 'aborted' : 'error', undefined)
        throw err
      }
    }
    const titleModel = config.LLM_TITLE_MODEL ?? config.LLM_MODEL
    const modelTitler = createCachedTitler(createModelTitler(complete, titleModel), kvTitleCache(fastify.kv, `title:${titleModel}:`))
    const log = fastify.log.child({ component: 'assistant' })
    title = async (message, signal) => {
      try {
        return await modelTitler.title(message, { signal })
      } catch (err) {
        if (signal.aborted) throw err
        // Not cached: the model titles the next conversation that starts with this message.
        log.warn({ err: err instanceof Error ? err.message : String(err) }, 'the model could not title the conversation; using the heuristic title')
        return heuristicTitle(message)
      }
    }
    summarizer = createSummarizer({
      complete: (request) => complete({ ...request }),
      maxContextTokens: config.MAX_CONTEXT_TOKENS,
      maxSummaryTokens: Math.min(config.LLM_MAX_OUTPUT_TOKENS, Math.floor(config.MAX_CONTEXT_TOKENS / 4))
    })
  }
  if (overrides.title !== undefined) title = overrides.title
  fastify.log.info({ provider: engine.providerName, ...(model === undefined ? {} : { model: model.model }) }, 'assistant ready')
  // The place indexes, the holiday data and the tokenizer are loaded by server.ts before the app is built.
  fastify.decorate('assistant', { ...engine, title, ...(summarizer === undefined ? {} : { summarizer }) })
}

export default fp(assistant, { name: 'assistant', dependencies: ['@fastify/env', 'redis', 'metrics', 'weather'] })
