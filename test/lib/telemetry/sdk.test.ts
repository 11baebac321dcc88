import { test } from 'tap'
import { trace } from '@opentelemetry/api'
import { startTelemetry } from '../../../lib/telemetry/sdk.js'
import { freePort } from '../../free-port.js'

test('OTEL_SDK_DISABLED=true starts nothing: spans stay non-recording', async (t) => {
  const telemetry = startTelemetry({ env: { OTEL_SDK_DISABLED: 'true' } })
  t.equal(telemetry.exporting, 'disabled')
  const span = trace.getTracer('test').startSpan('x')
  t.equal(span.isRecording(), false)
  span.end()
  await telemetry.shutdown()
})

test('with the collector down, shutdown gives up flushing within its timeout and does not fail', async (t) => {
  const telemetry = startTelemetry({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}` }, flushTimeoutMs: 300 })
  t.equal(telemetry.exporting, 'otlp')
  const span = trace.getTracer('test').startSpan('x')
  t.equal(span.isRecording(), true, 'a provider is registered')
  span.end()
  const started = Date.now()
  await telemetry.shutdown()
  t.ok(Date.now() - started < 1500, `shut down in ${Date.now() - started} ms`)
})
