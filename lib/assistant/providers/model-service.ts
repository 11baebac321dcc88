// The `openai` provider wired for use: the undici Agent, the resilience policy (deadline, retries, circuit
// breaker) and the SDK client in one provider. Framework-free: the logger callbacks and the breaker's state
// callback are passed in. Imported only when a model is configured (see choose.ts).

import { Agent, type Dispatcher } from 'undici'
import { createResiliencePolicy, type BreakerState } from '../../resilience/index.js'
import { createOpenAIProvider, isTransientModelError, retryAfterOfResponse, type OpenAIProvider } from './openai.js'

export interface ModelServiceOptions {
  apiKey?: string | undefined
  baseUrl?: string | undefined
  model: string
  timeoutMs: number
  maxRetries: number
  maxOutputTokens: number
  breakerThreshold: number
  halfOpenAfterMs: number
  /** default: an Agent sized for streaming replies, closed by `close()` */
  dispatcher?: Dispatcher | undefined
  onBreakerStateChange?: ((state: BreakerState, lastError: unknown) => void) | undefined
  onRetry?: ((attempt: number, delayMs: number, error: unknown) => void) | undefined
}

export interface ModelService {
  provider: OpenAIProvider
  /** closes the dispatcher this service created (never one passed in) */
  close: () => Promise<void>
}

/**
 * headers: the deadline to start answering; body: the longest silence between two streamed chunks (a
 * long reply may stream for minutes, but a model that stops sending is dead).
 */
export function createModelDispatcher (timeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: Math.max(100, Math.floor(timeoutMs / 3)) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 30_000,
    connections: 64
  })
}

export function createModelService (options: ModelServiceOptions): ModelService {
  if (options.apiKey === undefined && options.baseUrl === undefined) {
    throw new Error('LLM_PROVIDER=openai needs LLM_API_KEY (OpenAI) or LLM_BASE_URL (a compatible server)')
  }
  const dispatcher = options.dispatcher ?? createModelDispatcher(options.timeoutMs)
  const owned = options.dispatcher === undefined ? dispatcher : undefined
  const policy = createResiliencePolicy({
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    // A model server's Retry-After is often seconds: honoured when it fits a third of the deadline; a
    // longer one ends the call at once and reaches the client as the 503's Retry-After.
    maxDelayMs: Math.max(50, Math.floor(options.timeoutMs / 3)),
    initialDelayMs: Math.max(10, Math.min(250, Math.floor(options.timeoutMs / 60))),
    threshold: options.breakerThreshold,
    halfOpenAfterMs: options.halfOpenAfterMs,
    isTransient: isTransientModelError,
    retryAfterMs: (error) => retryAfterOfResponse(error, Date.now()),
    ...(options.onBreakerStateChange === undefined ? {} : { onStateChange: options.onBreakerStateChange }),
    ...(options.onRetry === undefined ? {} : { onRetry: ({ attempt, delayMs, error }) => options.onRetry?.(attempt, delayMs, error) })
  })
  const provider = createOpenAIProvider({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    model: options.model,
    timeoutMs: options.timeoutMs,
    maxOutputTokens: options.maxOutputTokens,
    policy,
    dispatcher
  })
  return { provider, close: async () => { await owned?.close() } }
}
