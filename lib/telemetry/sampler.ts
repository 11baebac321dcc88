// The trace sampler from the standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, read from the
// environment startTelemetry is given (the SDK would read process.env itself). Unlike the SDK, which logs
// an invalid value to a diagnostic logger nobody installed and samples everything, a bad value stops
// start-up: `OTEL_TRACES_SAMPLER_ARG=10` meant as 10% must not silently trace every request.
import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, type Sampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base'

export type SamplerEnv = Record<string, string | undefined>

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']

function ratio (env: SamplerEnv): number {
  const raw = env.OTEL_TRACES_SAMPLER_ARG?.trim() ?? ''
  // The specification's default when no ratio is given: sample everything.
  if (raw === '') return 1
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`OTEL_TRACES_SAMPLER_ARG must be a ratio between 0 and 1 (0.1 samples 10% of traces), got "${raw}"`)
  }
  return value
}

function rootSampler (name: string, env: SamplerEnv): Sampler {
  if (name.endsWith('always_on')) return new AlwaysOnSampler()
  if (name.endsWith('always_off')) return new AlwaysOffSampler()
  return new TraceIdRatioBasedSampler(ratio(env))
}

/** The sampler the variables ask for; parent-based always-on when OTEL_TRACES_SAMPLER is unset. */
export function samplerFromEnv (env: SamplerEnv): Sampler {
  const name = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase() || 'parentbased_always_on'
  if (!SAMPLERS.includes(name)) throw new RangeError(`OTEL_TRACES_SAMPLER must be one of ${SAMPLERS.join(', ')}, got "${name}"`)
  const root = rootSampler(name, env)
  // A parent-based sampler follows the caller's decision (the sampled flag of an incoming traceparent)
  // and applies the root sampler only to traces that start here.
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root
}
