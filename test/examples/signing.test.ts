import { test } from 'tap'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { build, TEST_API_KEY } from '../helper.js'

// The README's two signing recipes (openssl + curl, and the Node helper), taken from the README as they
// are written and run against a live server with a key that requires signatures.
async function readmeBlock (heading: string, language: string): Promise<string> {
  const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf(heading))
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)
  if (match?.[1] === undefined) throw new Error(`no ${language} block after ${heading}`)
  return match[1]
}

test('the README signing recipes produce requests the server accepts', async (t) => {
  const app = await build(t, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', PRESSURE_MAX_HEAP_USED_RATIO: '0' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const created = await fetch(`${baseUrl}/v1/admin/keys`, {
    method: 'POST',
    headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'readme-signer', scopes: ['chat'], requireSignature: true })
  })
  t.equal(created.status, 201)
  const { key, signingSecret } = await created.json() as { key: string, signingSecret: string }

  const shell = await readmeBlock('### Signed requests (HMAC)', 'bash')
  const { stdout } = await promisify(execFile)('bash', ['-c', `${shell}\necho; echo "status=done"`], { env: { ...process.env, BASE_URL: baseUrl, KEY: key, SIGNING_SECRET: signingSecret } })
  t.match(stdout, /"conversation":\{"id":"[0-9a-f]{24}"/, 'openssl + curl: a signed POST creates the conversation')

  const dir = await mkdtemp(join(tmpdir(), 'acai-sign-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const helper = join(dir, 'signed-fetch.mjs')
  const source = await readmeBlock('In Node (lib/signing', 'js')
  t.ok(source.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//')).length <= 15, 'the helper is at most 15 lines')
  await writeFile(helper, source)
  const { signedFetch } = await import(pathToFileURL(helper).href) as { signedFetch: (url: string, opts: Record<string, string>) => Promise<Response> }
  const posted = await signedFetch(`${baseUrl}/v1/conversations`, { method: 'POST', body: '{"message":"hi"}', key, secret: signingSecret })
  t.equal(posted.status, 201, 'Node helper: a signed POST')
  const listed = await signedFetch(`${baseUrl}/v1/conversations?limit=1`, { key, secret: signingSecret })
  t.equal(listed.status, 200, 'Node helper: a signed GET with a query string')
  const unsigned = await fetch(`${baseUrl}/v1/conversations`, { headers: { 'x-api-key': key } })
  t.equal(unsigned.status, 401, 'the same key unsigned is refused')
})
