// Request spans through @fastify/otel (DESIGN.md 8): one SERVER span per request, named by method and
// route pattern, continuing an incoming `traceparent`. Loaded first among the wrappers (alphabetical
// order after helmet), so every later hook runs inside the request's span and its log lines carry its
// trace id. Probes and the docs are not traced: they are most of the traffic and tell nothing. Lifecycle
// hooks and handlers get no spans of their own; the assistant, tools, MongoDB, Redis and outbound HTTP do.
// The spans go to whatever tracer provider lib/telemetry started (none: nothing is recorded).
import { FastifyOtelInstrumentation } from '@fastify/otel'

const UNTRACED = ['/health', '/ready', '/metrics', '/docs']

function untraced ({ url }: { url: string }): boolean {
  const path = url.split('?')[0] ?? url
  return UNTRACED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}

const instrumentation = new FastifyOtelInstrumentation({
  ignorePaths: untraced,
  instrumentHooks: false,
  instrumentHandler: false,
  requestHook (span, request) {
    span.updateName(`${request.method} ${request.routeOptions.url ?? 'unmatched route'}`)
    // The path without its query string, which may carry a cursor or anything a client typed.
    span.setAttribute('url.path', request.url.split('?')[0] ?? '')
  }
})

export default instrumentation.plugin()
