// OpenTelemetry tracing (DESIGN.md 8): a Node tracer provider with W3C trace context and baggage
// propagation and an AsyncLocalStorage context, instrumentations
// for the MongoDB driver, ioredis and undici, and the OTLP/HTTP exporter when OTEL_EXPORTER_OTLP_ENDPOINT
// (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set. Without one, tracing stays on with nothing exported:
// every request still gets a trace id for its log lines and its `traceparent` response header. The
// sampler comes from the standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (parent-based always-on
// by default; ./sampler.ts). HTTP requests are traced by @fastify/otel (plugins/external/otel.ts), not by
// the http instrumentation, which would double the cost of every request. The provider is assembled from its parts
// rather than through @opentelemetry/sdk-node, which loads every exporter it knows (over a second of
// start-up) for the one this service uses.
// Every instrumented package is patched in process, with no ES module loader hook: the MongoDB driver's
// patched files and ioredis are CommonJS, loaded through require (lib/kv/redis-clients.ts), and undici
// reports through diagnostics channels. import-in-the-middle's hook would run every later import through a
// loader thread of its own (14-22 MB of RSS and 180-240 ms of start-up, measured on Node 20 and 24).
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { BatchSpanProcessor, NoopSpanProcessor, type SpanExporter, type SpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb'
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { samplerFromEnv } from './sampler.js'

export type TelemetryEnv = Record<string, string | undefined>

export interface TelemetryOptions {
  env: TelemetryEnv
  /** Tests: every finished span goes here at once (a SimpleSpanProcessor), instead of OTLP. */
  exporter?: SpanExporter
  /** How long shutdown may spend flushing spans to an unreachable collector; default 2 s. */
  flushTimeoutMs?: number
}

export interface Telemetry {
  /** Where spans go: 'otlp' (an endpoint is configured), 'custom' (tests), 'none', or 'disabled'. */
  readonly exporting: 'otlp' | 'custom' | 'none' | 'disabled'
  /** Flushes pending spans and stops tracing (server shutdown); never rejects, resolves within the flush timeout. */
  shutdown (): Promise<void>
}

function processorFor ({ env, exporter }: TelemetryOptions): { processor: SpanProcessor, exporting: Telemetry['exporting'] } {
  if (exporter !== undefined) return { processor: new SimpleSpanProcessor(exporter), exporting: 'custom' }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT
  // The exporter reads the endpoint, headers and timeout from the OTEL_* variables itself; batches are
  // flushed on shutdown.
  if (endpoint !== undefined && endpoint !== '') return { processor: new BatchSpanProcessor(new OTLPTraceExporter()), exporting: 'otlp' }
  return { processor: new NoopSpanProcessor(), exporting: 'none' }
}

function commandName (command: Record<string, unknown>): string {
  const [name] = Object.keys(command)
  const target = name === undefined ? undefined : command[name]
  return name === undefined ? '' : typeof target === 'string' ? `${name} ${target}` : name
}

export function startTelemetry (options: TelemetryOptions): Telemetry {
  // The standard switch: no provider, no instrumentation, no spans (and no trace ids in logs). For
  // measuring what tracing costs, or for an operator who wants none.
  if (options.env.OTEL_SDK_DISABLED === 'true') return { exporting: 'disabled', shutdown: async () => {} }
  // Before anything is registered: a bad sampler setting stops start-up with nothing half-started.
  const sampler = samplerFromEnv(options.env)
  const { processor, exporting } = processorFor(options)
  const provider = new NodeTracerProvider({
    sampler,
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.env.OTEL_SERVICE_NAME ?? 'acai-assistant' })),
    spanProcessors: [processor]
  })
  provider.register()
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // The statement is the command and its collection only: message content never reaches a span, and
      // the default serializer (the whole command as JSON, values masked) cost 2% of a chat turn's CPU.
      new MongoDBInstrumentation({ dbStatementSerializer: commandName }),
      // Only the command name: keys name IPs, chats and sessions.
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
      new UndiciInstrumentation()
    ]
  })
  const flushTimeoutMs = options.flushTimeoutMs ?? 2000
  return {
    exporting,
    async shutdown () {
      unregister()
      // A collector that is down must not hold the process past its shutdown deadline, nor fail it:
      // the spans are lost, the exit is clean.
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, flushTimeoutMs) })
      await Promise.race([provider.shutdown().catch(() => {}), deadline])
      clearTimeout(timer)
    }
  }
}
