// Starts tracing as a side effect of being imported. server.ts imports it first, so the SDK's
// instrumentations are in place before the MongoDB driver and ioredis load. The standard OTEL_* variables
// configure it (they are OpenTelemetry's, read by the SDK and the exporter), so this is the one module
// besides the configuration schema that reads the environment.
import { startTelemetry } from './sdk.js'

export const telemetry = startTelemetry({ env: process.env })
