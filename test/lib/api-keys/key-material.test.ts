import { test } from 'tap'
import crypto, { createHash } from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'
import { API_KEY_PREFIX, generateApiKey, hashApiKey, hashesEqual } from '../../../lib/api-keys/key-material.js'

test('generated keys carry the acai_ prefix and 32 random bytes in base64url', async (t) => {
  const keys = new Set(Array.from({ length: 50 }, () => generateApiKey()))
  t.equal(keys.size, 50, 'no two keys are the same')
  for (const key of keys) {
    t.ok(key.startsWith(API_KEY_PREFIX))
    const body = key.slice(API_KEY_PREFIX.length)
    t.match(body, /^[A-Za-z0-9_-]{43}$/)
    t.equal(Buffer.from(body, 'base64url').length, 32)
  }
})

test('the stored hash is the sha256 hex digest of the key', async (t) => {
  const key = 'acai_example'
  t.equal(hashApiKey(key), createHash('sha256').update(key).digest('hex'))
  t.match(hashApiKey(key), /^[0-9a-f]{64}$/)
})

test('hashesEqual compares with crypto.timingSafeEqual', async (t) => {
  const calls: Array<[Buffer, Buffer]> = []
  // A spy on the built-in itself: syncBuiltinESMExports updates the named import key-material.ts holds.
  const original = crypto.timingSafeEqual
  crypto.timingSafeEqual = (a, b) => {
    calls.push([Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)])
    return original(a, b)
  }
  syncBuiltinESMExports()
  t.teardown(() => {
    crypto.timingSafeEqual = original
    syncBuiltinESMExports()
  })
  const a = hashApiKey('one-key')
  const b = hashApiKey('another-key')
  t.equal(hashesEqual(a, a), true)
  t.equal(hashesEqual(a, b), false)
  t.equal(calls.length, 2, 'every comparison went through timingSafeEqual')
  t.same(calls[0]?.[0], Buffer.from(a, 'hex'))
})

test('hashesEqual refuses anything that is not a full sha256 digest', async (t) => {
  const a = hashApiKey('k')
  t.equal(hashesEqual(a, a.slice(0, 62)), false)
  t.equal(hashesEqual('', ''), false)
  t.equal(hashesEqual('zz'.repeat(32), 'zz'.repeat(32)), false)
})
