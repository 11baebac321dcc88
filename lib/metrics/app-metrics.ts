import { totalmem } from 'node:os'
import type * as PromClient from 'prom-client'
import { memoryLimitBytes } from './memory-limit.js'

// The service's own Prometheus metrics (DESIGN.md 8), created on the prom-client instance the metrics
// plugin hands in (fastify-metrics' client), so they land in the registry GET /metrics exposes and are
// rebuilt with it. Label values are bounded: route patterns, reasons and operation names, never ids.

export type MetricsClient = Pick<typeof PromClient, 'Counter' | 'Gauge' | 'Histogram'>

/** Label of http_requests_total for requests that matched no route: one value, whatever the URL. */
export const UNMATCHED_ROUTE = '__unmatched__'

/** Request durations reach two minutes for long assistant replies (the server's request timeout). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

/** Replies take from a millisecond (offline) to minutes (a model with several tool rounds). */
export const REPLY_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

export type AuthFailureReason = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired' | 'scope' | 'signature'
export type RateLimitScope = 'ip' | 'key'
/** Outbound dependencies behind a circuit breaker (lib/resilience). */
export type BreakerName = 'weather'
/** Caches counted by cache_requests_total. */
export type CacheName = 'weather_geocoding' | 'weather_forecast'

export function createAppMetrics (client: MetricsClient) {
  return {
    httpRequests: new client.Counter({
      name: 'http_requests_total',
      help: 'HTTP responses by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'] as const
    }),
    authFailures: new client.Counter({
      name: 'auth_failures_total',
      help: 'Requests refused by API-key authentication or authorization, by reason',
      labelNames: ['reason'] as const
    }),
    rateLimitRejections: new client.Counter({
      name: 'rate_limit_rejections_total',
      help: 'Requests refused with 429 by the rate limits, by scope (ip or key)',
      labelNames: ['scope'] as const
    }),
    assistantReplyDuration: new client.Histogram({
      name: 'assistant_reply_duration_seconds',
      help: 'Time to produce a reply (model turns and tool calls), by outcome (ok, error, aborted)',
      labelNames: ['outcome'] as const,
      buckets: REPLY_BUCKETS
    }),
    assistantToolCalls: new client.Counter({
      name: 'assistant_tool_calls_total',
      help: 'Tool calls by tool and outcome (ok: a result, error: the tool reported a failure)',
      labelNames: ['tool', 'outcome'] as const
    }),
    assistantToolDuration: new client.Histogram({
      name: 'assistant_tool_duration_seconds',
      help: 'Time a tool call took (validation, execution with its deadline), by tool and outcome',
      labelNames: ['tool', 'outcome'] as const,
      buckets: REPLY_BUCKETS
    }),
    llmRequests: new client.Counter({
      name: 'llm_requests_total',
      help: 'Requests to the language model (one per model turn), by provider and outcome',
      labelNames: ['provider', 'outcome'] as const
    }),
    llmTokens: new client.Counter({
      name: 'llm_tokens_total',
      help: 'Tokens the language model read (input) and wrote (output)',
      labelNames: ['direction'] as const
    }),
    circuitBreakerState: new client.Gauge({
      name: 'circuit_breaker_state',
      help: 'State of each outbound circuit breaker: 0 closed, 1 half-open, 2 open',
      labelNames: ['breaker'] as const
    }),
    cacheRequests: new client.Counter({
      name: 'cache_requests_total',
      help: 'Cache lookups by cache and result (hit or miss)',
      labelNames: ['cache', 'result'] as const
    }),
    mongodbPoolConnections: new client.Gauge({
      name: 'mongodb_pool_connections',
      help: 'Connections in the MongoDB driver\'s pools: open (held on the server) and checked_out (in use by a request)',
      labelNames: ['state'] as const
    }),
    processMemoryLimit: new client.Gauge({
      name: 'process_memory_limit_bytes',
      help: 'Memory the process may use: the container (cgroup) limit when one is set, otherwise the machine\'s memory',
      collect () { this.set(memoryLimitBytes(process.constrainedMemory(), totalmem())) }
    }),
    storeFailures: new client.Counter({
      name: 'store_failures_total',
      help: 'Storage calls that failed without failing the request (logged; retried or answered from a fallback), by operation',
      labelNames: ['operation'] as const
    })
  }
}

export type AppMetrics = ReturnType<typeof createAppMetrics>
