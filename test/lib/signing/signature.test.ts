import { test } from 'tap'
import { createHash, createHmac } from 'node:crypto'
import { bodySha256, checkSignature, signRequest, stringToSign } from '../../../lib/signing/signature.js'

const secret = 'acaisig_test-secret'
const now = 1_800_000_000

test('the signed string is timestamp, METHOD, path with query and the body digest, one per line', async (t) => {
  const body = '{"message":"hi"}'
  t.equal(stringToSign('1800000000', 'post', '/v1/x?a=1', body), `1800000000\nPOST\n/v1/x?a=1\n${createHash('sha256').update(body).digest('hex')}`)
  t.equal(bodySha256(undefined), createHash('sha256').update('').digest('hex'), 'no body: the digest of nothing')
  const headers = signRequest({ secret, method: 'POST', path: '/v1/x?a=1', body, timestamp: now })
  const expected = createHmac('sha256', secret).update(stringToSign(String(now), 'POST', '/v1/x?a=1', body)).digest('hex')
  t.same(headers, { 'x-acai-timestamp': String(now), 'x-acai-signature': `v1=${expected}` })
  t.match(signRequest({ secret, method: 'GET', path: '/' })['x-acai-timestamp'], /^\d{10}$/, 'now by default')
})

test('checkSignature accepts a right signature and names what is wrong otherwise', async (t) => {
  const base = { secret, method: 'GET', path: '/v1/x', body: undefined, nowSeconds: now }
  const good = signRequest({ secret, method: 'GET', path: '/v1/x', timestamp: now })
  t.match(checkSignature({ ...base, headers: good }), { ok: true, signature: /^[0-9a-f]{64}$/ })
  t.match(checkSignature({ ...base, headers: { ...good, 'x-acai-signature': good['x-acai-signature'].toUpperCase().replace('V1=', 'v1=') } }), { ok: true }, 'hex case does not matter')
  t.match(checkSignature({ ...base, headers: {} }), { ok: false, refusal: 'missing' })
  t.match(checkSignature({ ...base, headers: { 'x-acai-timestamp': String(now) } }), { ok: false, refusal: 'missing' })
  t.match(checkSignature({ ...base, headers: { ...good, 'x-acai-timestamp': [String(now), String(now)] } }), { ok: false, refusal: 'missing' }, 'a repeated header is ambiguous')
  t.match(checkSignature({ ...base, headers: { ...good, 'x-acai-timestamp': [String(now)] } }), { ok: true }, 'a single-element list is the header')
  t.match(checkSignature({ ...base, headers: { ...good, 'x-acai-timestamp': '2026-01-01' } }), { ok: false, refusal: 'missing', reason: /Unix seconds/ })
  t.match(checkSignature({ ...base, headers: { ...good, 'x-acai-signature': 'sha256=abc' } }), { ok: false, refusal: 'missing', reason: /v1=<64 hex digits>/ })
  t.match(checkSignature({ ...base, nowSeconds: now + 301, headers: good }), { ok: false, refusal: 'expired', reason: /300-second window/ })
  t.match(checkSignature({ ...base, nowSeconds: now - 301, headers: good }), { ok: false, refusal: 'expired' }, 'from the future too')
  t.match(checkSignature({ ...base, nowSeconds: now + 300, headers: good }), { ok: true }, 'the window includes its edge')
  t.match(checkSignature({ ...base, method: 'DELETE', headers: good }), { ok: false, refusal: 'mismatch' })
  t.match(checkSignature({ ...base, body: 'x', headers: good }), { ok: false, refusal: 'mismatch' })
  t.match(checkSignature({ ...base, secret: 'other', headers: good }), { ok: false, refusal: 'mismatch', reason: /does not match/ })
})
