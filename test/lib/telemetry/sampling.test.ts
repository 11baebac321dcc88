import { test } from 'tap'
import { context, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api'
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base'
import { startTelemetry } from '../../../lib/telemetry/sdk.js'

// One tracer provider per process: this file starts the one it tests.
test('startTelemetry samples as OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG say', async (t) => {
  t.throws(() => startTelemetry({ env: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' } }), /OTEL_TRACES_SAMPLER_ARG/,
    'a bad ratio stops start-up')

  const exporter = new InMemorySpanExporter()
  const telemetry = startTelemetry({ env: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, exporter })
  t.after(() => telemetry.shutdown())
  const tracer = trace.getTracer('test')

  const root = tracer.startSpan('new trace', {}, ROOT_CONTEXT)
  t.equal(root.isRecording(), false, 'a trace starting here is sampled at the ratio (0)')
  root.end()

  const parent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED, isRemote: true })
  context.with(parent, () => tracer.startSpan('continued').end())
  t.same(exporter.getFinishedSpans().map((span) => [span.name, span.spanContext().traceId]), [['continued', '0af7651916cd43dd8448eb211c80319c']],
    'a trace the caller sampled is continued and exported')
})
