// Public API of the resilience module: the policy around outbound calls and the failure classification
// it uses. Framework-free; the weather client uses it now, the language-model provider will too.
export {
  BREAKER_STATE_VALUE, createCircuitBreaker, createResiliencePolicy, isCircuitOpen,
  type BreakerOptions, type BreakerState, type ResilienceOptions, type ResiliencePolicy, type RetryEvent
} from './policy.js'
export {
  isAbortError, isNetworkError, isTransientError, isUpstreamFailure, parseRetryAfter, retryAfterMsOf, statusOf,
  UpstreamResponseError, UpstreamStatusError, UpstreamTimeoutError
} from './errors.js'
