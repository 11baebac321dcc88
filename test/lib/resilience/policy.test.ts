// The resilience policy on its own: which failures are retried, how long it waits, when the circuit
// opens and closes, and that neither the deadline nor the caller leaving lets an attempt slip through.
// Delays are tens of milliseconds; every timer the policy starts is cleared or unreferenced.

import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import {
  createResiliencePolicy, isCircuitOpen, UpstreamResponseError, UpstreamStatusError, UpstreamTimeoutError,
  type BreakerState, type ResilienceOptions, type RetryEvent
} from '../../../lib/resilience/index.js'

const OPTIONS: ResilienceOptions = { timeoutMs: 2000, maxRetries: 2, initialDelayMs: 5, maxDelayMs: 50, threshold: 3, halfOpenAfterMs: 60 }

interface Recorder {
  states: BreakerState[]
  lastErrors: unknown[]
  retries: RetryEvent[]
}

function policyWith (overrides: Partial<ResilienceOptions> = {}): { policy: ReturnType<typeof createResiliencePolicy>, seen: Recorder } {
  const seen: Recorder = { states: [], lastErrors: [], retries: [] }
  const policy = createResiliencePolicy({
    ...OPTIONS,
    ...overrides,
    onStateChange: (state, lastError) => { seen.states.push(state); seen.lastErrors.push(lastError) },
    onRetry: (event) => { seen.retries.push(event) }
  })
  return { policy, seen }
}

/** A function that fails with the given errors in turn, then answers 'ok'; counts its calls. */
function scripted (...failures: Error[]): { fn: (signal: AbortSignal) => Promise<string>, calls: () => number } {
  let calls = 0
  return {
    fn: async () => {
      const failure = failures[calls++]
      if (failure !== undefined) throw failure
      return 'ok'
    },
    calls: () => calls
  }
}

/** Never answers; rejects when its signal aborts, as an HTTP client does. */
function hanging (signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true })
  })
}

const networkError = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })

test('a 503 then a success is retried once and answers', async (t) => {
  const { policy, seen } = policyWith()
  const { fn, calls } = scripted(new UpstreamStatusError('api', 503))
  t.equal(await policy.execute(fn), 'ok')
  t.equal(calls(), 2)
  t.equal(seen.retries.length, 1)
  t.ok((seen.retries[0]?.delayMs ?? -1) >= 0 && (seen.retries[0]?.delayMs ?? 99) <= 50, 'jittered back-off within the maximum')
})

test('network errors and 429 are retried until the retries run out', async (t) => {
  const { policy } = policyWith()
  const { fn, calls } = scripted(networkError(), new UpstreamStatusError('api', 429), new UpstreamStatusError('api', 502), networkError())
  const error = await policy.execute(fn).catch((err: unknown) => err)
  t.ok(error instanceof UpstreamStatusError && error.status === 502, 'the last failure comes out')
  t.equal(calls(), 3, 'first attempt plus two retries')
})

test('4xx answers and unreadable bodies are never retried', async (t) => {
  const { policy } = policyWith()
  const notFound = scripted(new UpstreamStatusError('api', 404))
  await t.rejects(policy.execute(notFound.fn), UpstreamStatusError)
  t.equal(notFound.calls(), 1)
  const garbage = scripted(new UpstreamResponseError('not JSON'))
  await t.rejects(policy.execute(garbage.fn), UpstreamResponseError)
  t.equal(garbage.calls(), 1)
})

test('Retry-After is honoured: the retry waits at least as long as the dependency asked', async (t) => {
  const { policy, seen } = policyWith({ maxDelayMs: 500 })
  const { fn, calls } = scripted(new UpstreamStatusError('api', 429, 150))
  const started = performance.now()
  t.equal(await policy.execute(fn), 'ok')
  t.ok(performance.now() - started >= 145, 'waited the 150 ms asked for')
  t.ok((seen.retries[0]?.delayMs ?? 0) >= 150)
  t.equal(calls(), 2)
})

test('a Retry-After longer than the longest back-off ends the call instead of waiting', async (t) => {
  const { policy } = policyWith({ maxDelayMs: 50 })
  const { fn, calls } = scripted(new UpstreamStatusError('api', 503, 60_000))
  const started = performance.now()
  await t.rejects(policy.execute(fn), UpstreamStatusError)
  t.equal(calls(), 1)
  t.ok(performance.now() - started < 500)
})

test('consecutive failures open the circuit; an open circuit refuses without calling; one probe closes it', async (t) => {
  const { policy, seen } = policyWith({ maxRetries: 0 })
  const failing = scripted(new UpstreamStatusError('api', 500), new UpstreamStatusError('api', 500), new UpstreamStatusError('api', 503))
  for (let i = 0; i < 3; i++) await t.rejects(policy.execute(failing.fn), UpstreamStatusError)
  t.equal(policy.state, 'open')
  t.same(seen.states, ['open'])
  t.ok(seen.lastErrors[0] instanceof UpstreamStatusError, 'the state change carries the failure that opened it')

  const refused = await policy.execute(failing.fn).catch((err: unknown) => err)
  t.ok(isCircuitOpen(refused), 'BrokenCircuitError while open')
  t.equal(failing.calls(), 3, 'the open circuit made no call')

  await sleep(80)
  t.equal(await policy.execute(failing.fn), 'ok', 'the probe after the half-open delay goes through')
  t.equal(failing.calls(), 4)
  t.same(seen.states, ['open', 'half-open', 'closed'])
  t.equal(policy.state, 'closed')
})

test('each attempt counts: a call whose retries all fail can open the circuit by itself', async (t) => {
  const { policy } = policyWith({ maxRetries: 5, threshold: 3 })
  const { fn, calls } = scripted(...Array.from({ length: 6 }, () => new UpstreamStatusError('api', 503)))
  const error = await policy.execute(fn).catch((err: unknown) => err)
  t.ok(isCircuitOpen(error), 'the retry that met the open circuit gave up')
  t.equal(calls(), 3, 'no attempt after the circuit opened')
})

test('a failed probe opens the circuit again', async (t) => {
  const { policy, seen } = policyWith({ maxRetries: 0, threshold: 1 })
  const { fn } = scripted(new UpstreamStatusError('api', 500), new UpstreamStatusError('api', 500))
  await t.rejects(policy.execute(fn))
  await sleep(80)
  await t.rejects(policy.execute(fn), UpstreamStatusError)
  t.same(seen.states, ['open', 'half-open', 'open'])
})

test('client errors do not count against the dependency', async (t) => {
  const { policy } = policyWith({ maxRetries: 0, threshold: 2 })
  const { fn } = scripted(...Array.from({ length: 4 }, () => new UpstreamStatusError('api', 404)))
  for (let i = 0; i < 4; i++) await t.rejects(policy.execute(fn), UpstreamStatusError)
  t.equal(policy.state, 'closed')
})

test('a hanging call is cut at the deadline, aborts its attempt and counts as a failure', async (t) => {
  const { policy } = policyWith({ timeoutMs: 80, threshold: 1 })
  let attemptSignal: AbortSignal | undefined
  const started = performance.now()
  const error = await policy.execute((signal) => { attemptSignal = signal; return hanging(signal) }).catch((err: unknown) => err)
  const elapsed = performance.now() - started
  t.ok(error instanceof UpstreamTimeoutError, 'UpstreamTimeoutError')
  t.ok(elapsed >= 75 && elapsed < 1000, `cut after ${Math.round(elapsed)} ms`)
  t.equal(attemptSignal?.aborted, true, 'the attempt was told to stop')
  await sleep(5)
  t.equal(policy.state, 'open', 'a timeout is the dependency failing')
})

test('the deadline holds even when the function ignores its signal', async (t) => {
  const { policy } = policyWith({ timeoutMs: 60 })
  const started = performance.now()
  await t.rejects(policy.execute(() => sleep(400, 'late', { ref: false })), UpstreamTimeoutError)
  t.ok(performance.now() - started < 300)
})

test('no attempt starts after the caller aborted, and the caller gets its own reason', async (t) => {
  const { policy } = policyWith({ initialDelayMs: 60, maxDelayMs: 60 })
  const controller = new AbortController()
  const { fn, calls } = scripted(networkError(), networkError())
  const pending = policy.execute(fn, controller.signal)
  await sleep(10)
  controller.abort(new Error('client left'))
  const error = await pending.catch((err: unknown) => err)
  t.equal((error as Error).message, 'client left')
  await sleep(150)
  t.equal(calls(), 1, 'the back-off ended without another attempt')

  const already = scripted()
  await t.rejects(policy.execute(already.fn, AbortSignal.abort(new Error('gone'))), { message: 'gone' })
  t.equal(already.calls(), 0)
})

test('the caller leaving is not a failure of the dependency', async (t) => {
  const { policy } = policyWith({ threshold: 1 })
  const controller = new AbortController()
  const pending = policy.execute(hanging, controller.signal)
  await sleep(5)
  controller.abort(new Error('client left'))
  await t.rejects(pending, { message: 'client left' })
  await sleep(5)
  t.equal(policy.state, 'closed')
})

test('the caller leaving during the half-open probe keeps the circuit open', async (t) => {
  const { policy, seen } = policyWith({ threshold: 1, maxRetries: 0 })
  await t.rejects(policy.execute(() => Promise.reject(new UpstreamStatusError('api', 500))))
  await sleep(80)
  const controller = new AbortController()
  const probe = policy.execute(hanging, controller.signal)
  await sleep(5)
  controller.abort(new Error('client left'))
  await t.rejects(probe, { message: 'client left' })
  await sleep(5)
  t.same(seen.states, ['open', 'half-open', 'open'])
})
