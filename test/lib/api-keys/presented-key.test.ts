import { test } from 'tap'
import { presentedKey } from '../../../lib/api-keys/presented-key.js'
import { parseScopes } from '../../../lib/api-keys/scopes.js'

test('reads the key from X-API-Key', async (t) => {
  t.same(presentedKey({ 'x-api-key': ' acai_abc ' }), { kind: 'key', key: 'acai_abc' })
})

test('reads the key from Authorization: Bearer, scheme in any case', async (t) => {
  t.same(presentedKey({ authorization: 'Bearer acai_abc' }), { kind: 'key', key: 'acai_abc' })
  t.same(presentedKey({ authorization: 'bearer   acai_abc ' }), { kind: 'key', key: 'acai_abc' })
})

test('X-API-Key wins over Authorization', async (t) => {
  t.same(presentedKey({ 'x-api-key': 'first', authorization: 'Bearer second' }), { kind: 'key', key: 'first' })
})

test('no header or empty headers are missing', async (t) => {
  t.same(presentedKey({}), { kind: 'missing' })
  t.same(presentedKey({ 'x-api-key': '  ' }), { kind: 'missing' })
  t.same(presentedKey({ authorization: '' }), { kind: 'missing' })
})

test('other schemes, repeated headers and oversized keys are malformed', async (t) => {
  t.same(presentedKey({ authorization: 'Basic dXNlcjpwYXNz' }), { kind: 'malformed' })
  t.same(presentedKey({ authorization: 'Bearer a b' }), { kind: 'malformed' })
  t.same(presentedKey({ 'x-api-key': ['a', 'b'] }), { kind: 'malformed' })
  t.same(presentedKey({ 'x-api-key': 'k'.repeat(513) }), { kind: 'malformed' })
})

test('parseScopes accepts known scopes, drops duplicates and names unknown ones', async (t) => {
  t.same(parseScopes('chat, metrics,chat'), ['chat', 'metrics'])
  t.throws(() => parseScopes('chat,root'), /unknown scope 'root'/)
  t.throws(() => parseScopes(' , '), /no scopes given/)
})
