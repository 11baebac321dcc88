import { context, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api'

// Our own spans (DESIGN.md 8), through the OpenTelemetry API only: with no SDK started they cost a
// no-op. Attribute names follow the OpenTelemetry GenAI semantic conventions; no message content ever
// becomes an attribute.

const tracer = trace.getTracer('acai-assistant')

export interface ChildSpan {
  span: Span
  /** The context with this span active: run children inside it with `context.with`. */
  context: Context
}

/** Starts a span under `parent` (the active context by default). */
export function startSpan (name: string, attributes: Attributes, parent: Context = context.active()): ChildSpan {
  const span = tracer.startSpan(name, { attributes }, parent)
  return { span, context: trace.setSpan(parent, span) }
}

/** Ends a span, marking it failed with the error's type (never its message, which may quote content). */
export function endSpan (span: Span, error?: unknown): void {
  if (error !== undefined) {
    const type = error instanceof Error ? error.name : typeof error
    span.setAttribute('error.type', type)
    span.setStatus({ code: SpanStatusCode.ERROR, message: type })
  }
  span.end()
}

/** Runs `fn` with `ctx` active, so the spans it starts (and the driver's, undici's) are children. */
export function within<T> (ctx: Context, fn: () => T): T {
  return context.with(ctx, fn)
}
