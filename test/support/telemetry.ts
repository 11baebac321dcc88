// Tracing for a test file, started before the app is imported (as server.ts does), with every finished
// span collected in memory. Import this module first, then the app through a dynamic import.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base'
import { startTelemetry } from '../../lib/telemetry/sdk.js'

export const spans = new InMemorySpanExporter()
export const telemetry = startTelemetry({ env: {}, exporter: spans })
