import { test } from 'tap'
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api'
import { SamplingDecision } from '@opentelemetry/sdk-trace-base'
import { samplerFromEnv } from '../../../lib/telemetry/sampler.js'

// The ratio sampler hashes a trace id by XOR-ing its four 32-bit parts: this one hashes to the highest
// value (sampled only at ratio 1), the next to the lowest above 0 (sampled at any ratio above 0).
const TRACE_ID = 'ffffffff000000000000000000000000'
const LOW_TRACE_ID = '00000000000000000000000000000001'

function decision (sampler: ReturnType<typeof samplerFromEnv>, traceId: string, parentSampled?: boolean): SamplingDecision {
  const context = parentSampled === undefined
    ? ROOT_CONTEXT
    : trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: '0102030405060708', traceFlags: parentSampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true })
  return sampler.shouldSample(context, traceId, 'GET /x', SpanKind.SERVER, {}, []).decision
}

test('without settings every trace is sampled and a caller\'s decision is followed', async (t) => {
  const sampler = samplerFromEnv({})
  t.match(sampler.toString(), /^ParentBased\{root=AlwaysOnSampler/)
  t.equal(decision(sampler, TRACE_ID), SamplingDecision.RECORD_AND_SAMPLED)
  t.equal(decision(sampler, TRACE_ID, false), SamplingDecision.NOT_RECORD, 'an unsampled parent is not traced here either')
})

test('parentbased_traceidratio samples that share of new traces and follows the caller otherwise', async (t) => {
  const sampler = samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' })
  t.match(sampler.toString(), /^ParentBased\{root=TraceIdRatioBased\{0\.1\}/)
  t.equal(decision(sampler, TRACE_ID), SamplingDecision.NOT_RECORD, 'a trace id above the ratio is dropped')
  t.equal(decision(sampler, LOW_TRACE_ID), SamplingDecision.RECORD_AND_SAMPLED, 'one below it is kept')
  t.equal(decision(sampler, TRACE_ID, true), SamplingDecision.RECORD_AND_SAMPLED, 'a sampled parent is always continued')
  t.equal(decision(sampler, LOW_TRACE_ID, false), SamplingDecision.NOT_RECORD, 'an unsampled parent never is')
})

test('every standard sampler name is understood', async (t) => {
  t.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_on' }).toString(), /^AlwaysOnSampler/)
  t.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_off' }).toString(), /^AlwaysOffSampler/)
  t.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' }).toString(), /^TraceIdRatioBased\{0\.5\}/)
  t.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'TraceIdRatio' }).toString(), /^TraceIdRatioBased\{1\}/, 'no ratio: all, as the specification says')
  t.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }).toString(), /^ParentBased\{root=AlwaysOffSampler/)
  t.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' }).toString(), /^ParentBased\{root=AlwaysOnSampler/)
})

test('a bad sampler name or ratio stops start-up with a message naming the variable', async (t) => {
  t.throws(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'sometimes' }), { name: 'RangeError', message: /OTEL_TRACES_SAMPLER must be one of always_on, .* got "sometimes"/ })
  t.throws(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '10' }), { message: /OTEL_TRACES_SAMPLER_ARG must be a ratio between 0 and 1 .* got "10"/ })
  t.throws(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: 'ten percent' }), { message: /OTEL_TRACES_SAMPLER_ARG/ })
})
