import { test } from 'tap'
import { MongoClient } from 'mongodb'
import { keysCommand } from '../../../lib/api-keys/cli.js'
import { createApiKeyStore } from '../../../lib/api-keys/store.js'
import type { CliIo } from '../../../lib/cli/io.js'
import { resolveMongoTarget } from '../../../lib/mongo/target.js'
import { runCli } from '../cli-process.js'

function capture (): CliIo & { stdout: () => string, stderr: () => string } {
  const out: string[] = []
  const err: string[] = []
  return { out: (s) => { out.push(s) }, err: (s) => { err.push(s) }, stdout: () => out.join('\n'), stderr: () => err.join('\n') }
}

test('acai keys create prints the key once; list and revoke manage it (DATA_DIR persists)', async (t) => {
  const dataDir = t.testdir({})
  const env = { DATA_DIR: dataDir }
  const created = await runCli(['keys', 'create', '--name', 'grafana', '--scopes', 'metrics,chat'], env)
  t.equal(created.code, 0, created.stderr)
  const key = /^key\s+(acai_\S+)$/m.exec(created.stdout)?.[1]
  const id = /^id\s+([0-9a-f]{24})$/m.exec(created.stdout)?.[1]
  t.ok(key, 'the key is printed')
  t.ok(id, 'with its id')
  t.match(created.stdout, /^scopes\s+metrics,chat$/m)
  t.match(created.stderr, 'shown only this once')

  const listed = await runCli(['keys', 'list'], env)
  t.equal(listed.code, 0, listed.stderr)
  t.match(listed.stdout, new RegExp(`${id ?? 'missing'}\\s+grafana\\s+metrics,chat\\s+\\S+\\s+active`))
  t.notMatch(listed.stdout, key ?? 'missing', 'the key is never listed')

  const revoked = capture()
  t.equal(await keysCommand(['revoke', id ?? ''], env, revoked), 0, revoked.stderr())
  t.match(revoked.stdout(), `Revoked ${id ?? ''}. Running servers refuse it within 5 s`)
  const again = capture()
  t.equal(await keysCommand(['revoke', id ?? ''], env, again), 1)
  t.match(again.stderr(), 'no active key with id')

  const after = capture()
  await keysCommand(['list'], env, after)
  t.match(after.stdout(), /grafana\s+metrics,chat\s+\S+\s+revoked \d{4}-/)
})

test('a key created with the CLI authenticates against the same database', async (t) => {
  const server = await resolveMongoTarget({})
  t.teardown(() => server.close())
  const env = { MONGODB_URI: server.uri, MONGODB_DB: 'keys_cli' }
  const io = capture()
  t.equal(await keysCommand(['create', '--name', 'ops', '--scopes', 'admin'], env, io), 0)
  const key = /^key\s+(\S+)$/m.exec(io.stdout())?.[1] ?? ''

  const client = new MongoClient(server.uri)
  t.teardown(() => client.close())
  const store = createApiKeyStore({ db: client.db('keys_cli') })
  t.match(await store.verify(key), { name: 'ops', scopes: ['admin'] })
})

test('acai keys refuses to create or revoke a key in a throwaway in-memory database', async (t) => {
  const create = capture()
  t.equal(await keysCommand(['create', '--name', 'x', '--scopes', 'chat'], {}, create), 1)
  t.match(create.stderr(), 'MONGODB_URI and DATA_DIR are unset')
  t.notMatch(create.stdout(), 'acai_')
  const list = capture()
  t.equal(await keysCommand(['list'], {}, list), 0, 'listing an empty database is harmless')
  t.match(list.stdout(), 'No API keys')
})

test('acai keys reports bad arguments with usage', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [[], /missing command/],
    [['create', '--scopes', 'chat'], /--name is required/],
    [['create', '--name', 'x'], /--scopes is required/],
    [['create', '--name', 'x', '--scopes', 'root'], /unknown scope 'root'/],
    [['create', '--name', 'x', '--scopes', 'chat', '--bogus'], /Unknown option '--bogus'/],
    [['revoke'], /exactly one key id/],
    [['list', 'extra'], /unexpected argument 'extra'/],
    [['rotate'], /unknown command 'rotate'/]
  ]
  for (const [argv, message] of cases) {
    const io = capture()
    t.equal(await keysCommand(argv, {}, io), 1, argv.join(' '))
    t.match(io.stderr(), message)
    t.match(io.stderr(), 'usage: acai keys')
  }
  const help = capture()
  t.equal(await keysCommand(['help'], {}, help), 0)
  t.match(help.stdout(), 'create --name NAME --scopes SCOPES')
})
