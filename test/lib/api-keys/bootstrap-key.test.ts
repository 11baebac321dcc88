import { test } from 'tap'
import { join } from 'node:path'
import { readBootstrapKey } from '../../../lib/api-keys/bootstrap-key.js'

test('API_KEY is used as given', async (t) => {
  t.equal(await readBootstrapKey({ API_KEY: 'k'.repeat(20) }), 'k'.repeat(20))
  t.equal(await readBootstrapKey({}), undefined)
})

test('API_KEY_FILE is read and trimmed', async (t) => {
  const dir = t.testdir({ key: '  file-key-0123456789abcdef\n' })
  t.equal(await readBootstrapKey({ API_KEY_FILE: join(dir, 'key') }), 'file-key-0123456789abcdef')
})

test('an unreadable API_KEY_FILE is a clear error naming the variable and the path', async (t) => {
  const path = join(t.testdir({}), 'absent')
  await t.rejects(readBootstrapKey({ API_KEY_FILE: path }), { message: `API_KEY_FILE: cannot read ${path} (ENOENT)` })
})

test('a short key in API_KEY_FILE is refused without printing it', async (t) => {
  const dir = t.testdir({ key: 'tiny-secret\n' })
  const err = await readBootstrapKey({ API_KEY_FILE: join(dir, 'key') }).catch((e: unknown) => e)
  t.match(err, { message: /API_KEY_FILE: the key in .* must be at least 16 characters/ })
  t.notMatch(String(err), 'tiny-secret')
})

test('setting both API_KEY and API_KEY_FILE is refused', async (t) => {
  await t.rejects(readBootstrapKey({ API_KEY: 'k'.repeat(20), API_KEY_FILE: '/x' }), /set only one of them/)
})
