// The resilience policy every outbound call goes through (DESIGN.md 5.3, ANCHOR-GAPS.md), built from
// cockatiel: an overall timeout, around retries with jittered exponential back-off (transient failures
// only, honouring Retry-After, never once the caller has gone), around a consecutive-failure circuit
// breaker that counts every attempt. Nothing here knows which dependency it protects; the owner passes
// callbacks for state changes and retries (logs, the circuit_breaker_state gauge).
//
// Errors out of `execute`: the function's own error (after retries), UpstreamTimeoutError when the
// deadline passed, cockatiel's BrokenCircuitError while the circuit is open (lib/errors maps it to 503),
// and the caller's abort reason when the caller's signal fired.

import {
  BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, TaskCancelledError, circuitBreaker, handleWhen, retry,
  timeout, TimeoutStrategy, isBrokenCircuitError, type CircuitBreakerPolicy, type IBackoff, type IBackoffFactory, type IRetryBackoffContext
} from 'cockatiel'
import { isTransientError, isUpstreamFailure, retryAfterMsOf, UpstreamTimeoutError } from './errors.js'

export type BreakerState = 'closed' | 'half-open' | 'open'

/** The value of the `circuit_breaker_state` gauge for each state (DESIGN.md 8). */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 }

export interface BreakerOptions {
  /** consecutive failed attempts that open the circuit */
  threshold: number
  /** how long the circuit stays open before one probe call may test the dependency */
  halfOpenAfterMs: number
  /** which errors count as failures; default isUpstreamFailure (not 4xx, not aborts) */
  isFailure?: (error: unknown) => boolean
  onStateChange?: (state: BreakerState, lastError: unknown) => void
}

export interface RetryEvent {
  /** 1 for the first retry */
  attempt: number
  delayMs: number
  error: unknown
}

export interface ResilienceOptions extends BreakerOptions {
  /** deadline of one whole call, retries and back-off included */
  timeoutMs: number
  /** attempts after the first */
  maxRetries: number
  /** first back-off before jitter; default 100 ms */
  initialDelayMs?: number
  /** longest back-off, and the longest Retry-After honoured (a longer one ends the call); default 1000 ms */
  maxDelayMs?: number
  /** which errors are worth another attempt; default isTransientError (network, 429, 5xx) */
  isTransient?: (error: unknown) => boolean
  /** the wait a failure asks for; default the error's `retryAfterMs` */
  retryAfterMs?: (error: unknown) => number | undefined
  onRetry?: (event: RetryEvent) => void
}

export interface ResiliencePolicy {
  /** Runs `fn` under the policy; `fn` must honour the signal it is given (each attempt gets its own). */
  execute: <T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal) => Promise<T>
  readonly state: BreakerState
}

/** Marks an attempt ended because the caller's signal fired: never retried, never the dependency's fault. */
class CallerGone extends Error {
  override name = 'CallerGone'
}

/** An attempt that was due after a back-off, but the deadline or the caller ended the call first. */
class NotAttempted extends Error {
  override name = 'NotAttempted'
}

function breakerState (state: CircuitState): BreakerState {
  if (state === CircuitState.Closed) return 'closed'
  if (state === CircuitState.HalfOpen) return 'half-open'
  return 'open'
}

/** The circuit breaker alone: consecutive failures open it, one probe after `halfOpenAfterMs` may close it. */
export function createCircuitBreaker (options: BreakerOptions): CircuitBreakerPolicy {
  const isFailure = options.isFailure ?? isUpstreamFailure
  // A caller leaving during the half-open probe proves nothing either way; cockatiel would close the
  // circuit on an error it does not count, so it counts then, and the circuit stays open for another round.
  const created: CircuitBreakerPolicy = circuitBreaker(
    handleWhen((error) => error instanceof CallerGone ? created.state === CircuitState.HalfOpen : isFailure(error)),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.threshold) }
  )
  created.onStateChange((state) => {
    const last = created.lastFailure
    options.onStateChange?.(breakerState(state), last !== undefined && 'error' in last ? last.error : undefined)
  })
  return created
}

type RetryContext = IRetryBackoffContext<unknown>

/** Exponential back-off with jitter, but never shorter than the Retry-After the failure carried. */
function honouringRetryAfter (inner: IBackoffFactory<RetryContext>, retryAfterOf: (error: unknown) => number | undefined): IBackoffFactory<RetryContext> {
  return {
    next (context): IBackoff<RetryContext> {
      const base = inner.next(context)
      const asked = 'error' in context.result ? retryAfterOf(context.result.error) : undefined
      return {
        duration: asked === undefined ? base.duration : Math.max(asked, base.duration),
        next: (following) => honouringRetryAfter(base, retryAfterOf).next(following)
      }
    }
  }
}

export function createResiliencePolicy (options: ResilienceOptions): ResiliencePolicy {
  const isTransient = options.isTransient ?? isTransientError
  const retryAfterOf = options.retryAfterMs ?? retryAfterMsOf
  const maxDelayMs = options.maxDelayMs ?? 1000
  const breaker = createCircuitBreaker(options)
  const retryable = (error: Error): boolean =>
    !(error instanceof CallerGone) && isTransient(error) && (retryAfterOf(error) ?? 0) <= maxDelayMs
  // Unreferenced back-off timers: a call abandoned by its deadline must not hold the process open.
  const retries = retry(handleWhen(retryable), {
    maxAttempts: options.maxRetries,
    backoff: honouringRetryAfter(new ExponentialBackoff({ initialDelay: options.initialDelayMs ?? 100, maxDelay: maxDelayMs }), retryAfterOf)
  }).dangerouslyUnref()
  retries.onRetry((event) => {
    options.onRetry?.({ attempt: event.attempt, delayMs: event.delay, error: 'error' in event ? event.error : undefined })
  })
  const deadline = timeout(options.timeoutMs, TimeoutStrategy.Aggressive)

  async function execute<T> (fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted()
    const attempt = async (attemptSignal: AbortSignal, bounded: AbortSignal): Promise<T> => {
      try {
        return await fn(attemptSignal)
      } catch (error) {
        if (signal?.aborted === true) throw new CallerGone('the caller went away', { cause: error })
        if (bounded.aborted) throw new UpstreamTimeoutError(options.timeoutMs, { cause: error })
        throw error
      }
    }
    try {
      return await deadline.execute(({ signal: bounded }) => retries.execute(({ signal: retrySignal }) => {
        // cockatiel's back-off sleep cannot be interrupted: check before every attempt that someone still waits.
        if (retrySignal.aborted) throw new NotAttempted('the call ended during the back-off')
        return breaker.execute(({ signal: attemptSignal }) => attempt(attemptSignal, bounded), retrySignal)
      }, bounded), signal)
    } catch (error) {
      signal?.throwIfAborted()
      if (error instanceof TaskCancelledError || error instanceof NotAttempted) throw new UpstreamTimeoutError(options.timeoutMs, { cause: error })
      throw error
    }
  }

  return {
    execute,
    get state () { return breakerState(breaker.state) }
  }
}

/** The circuit is open (or held open): the call was refused without reaching the dependency. */
export function isCircuitOpen (error: unknown): error is BrokenCircuitError {
  return isBrokenCircuitError(error)
}
