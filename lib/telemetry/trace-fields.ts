import { isSpanContextValid, trace, type Span } from '@opentelemetry/api'

export interface TraceFields { traceId: string, spanId: string }

/** The trace and span ids of a span, or nothing when it is not part of a valid trace (tracing off). */
export function traceFieldsOf (span: Span | undefined): TraceFields | undefined {
  const spanContext = span?.spanContext()
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined
  return { traceId: spanContext.traceId, spanId: spanContext.spanId }
}

/** The ids of the span active where this is called: a log line written inside a traced request. */
export function activeTraceFields (): TraceFields | Record<string, never> {
  return traceFieldsOf(trace.getActiveSpan()) ?? {}
}
