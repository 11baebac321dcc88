import { test } from 'tap'
import {
  isAbortError, isNetworkError, isTransientError, isUpstreamFailure, parseRetryAfter, retryAfterMsOf, statusOf, UpstreamResponseError,
  UpstreamStatusError, UpstreamTimeoutError
} from '../../../lib/resilience/index.js'

test('transient failures are network errors, 429 and 5xx', async (t) => {
  t.ok(isTransientError(new UpstreamStatusError('api', 503)))
  t.ok(isTransientError(new UpstreamStatusError('api', 429)))
  t.ok(isTransientError({ status: 500 }), 'any error with a status, as the OpenAI SDK throws')
  t.ok(isTransientError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' })))
  t.ok(isTransientError(new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })), 'found in the cause')
  t.notOk(isTransientError(new UpstreamStatusError('api', 404)))
  t.notOk(isTransientError(new UpstreamStatusError('api', 400)))
  t.notOk(isTransientError(new UpstreamResponseError('not JSON')))
  t.notOk(isTransientError(new UpstreamTimeoutError(100)))
  t.notOk(isTransientError(new Error('bug')))
  t.notOk(isNetworkError(null))
  t.equal(statusOf({ statusCode: 502 }), 502)
  t.equal(statusOf({ status: '502' }), undefined)
})

test('failures of the dependency exclude its 4xx answers (but not 429) and aborts', async (t) => {
  t.ok(isUpstreamFailure(new UpstreamStatusError('api', 500)))
  t.ok(isUpstreamFailure(new UpstreamStatusError('api', 429)))
  t.ok(isUpstreamFailure(new UpstreamResponseError('not JSON')))
  t.ok(isUpstreamFailure(new UpstreamTimeoutError(100)))
  t.notOk(isUpstreamFailure(new UpstreamStatusError('api', 401)))
  t.notOk(isUpstreamFailure(new DOMException('aborted', 'AbortError')))
  t.ok(isAbortError(Object.assign(new Error('x'), { code: 'UND_ERR_ABORTED' })))
  t.notOk(isAbortError('AbortError'))
})

test('Retry-After is read as seconds or as an HTTP date', async (t) => {
  const now = Date.parse('2026-11-25T13:00:00Z')
  t.equal(parseRetryAfter('2', now), 2000)
  t.equal(parseRetryAfter(['0'], now), 0)
  t.equal(parseRetryAfter('Wed, 25 Nov 2026 13:00:30 GMT', now), 30_000)
  t.equal(parseRetryAfter('Wed, 25 Nov 2026 12:00:00 GMT', now), 0, 'a date in the past means now')
  t.equal(parseRetryAfter('-5', now), undefined)
  t.equal(parseRetryAfter('soon', now), undefined)
  t.equal(parseRetryAfter('1.5', now), undefined)
  t.equal(parseRetryAfter(undefined, now), undefined)
  t.equal(parseRetryAfter('  ', now), undefined)
  t.equal(retryAfterMsOf(new UpstreamStatusError('api', 429, 1500)), 1500)
  t.equal(retryAfterMsOf(new UpstreamStatusError('api', 429)), undefined)
  t.equal(retryAfterMsOf({ retryAfterMs: -1 }), undefined)
})
