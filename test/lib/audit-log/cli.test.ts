import { test } from 'tap'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { auditCommand } from '../../../lib/audit-log/cli.js'
import { keysCommand } from '../../../lib/api-keys/cli.js'
import type { CliIo } from '../../../lib/cli/io.js'
import { resolveMongoTarget } from '../../../lib/mongo/target.js'
import { runCli } from '../cli-process.js'

function capture (): CliIo & { stdout: () => string, stderr: () => string } {
  const out: string[] = []
  const err: string[] = []
  return { out: (s) => { out.push(s) }, err: (s) => { err.push(s) }, stdout: () => out.join('\n'), stderr: () => err.join('\n') }
}

test('acai keys writes cli entries; acai audit list shows them and verify passes, then names an edited entry', async (t) => {
  const server = await resolveMongoTarget({})
  t.teardown(() => server.close())
  const env = { MONGODB_URI: server.uri, MONGODB_DB: 'audit_cli' }

  const created = capture()
  t.equal(await keysCommand(['create', '--name', 'ops', '--scopes', 'chat'], env, created), 0)
  const id = /id\s+([0-9a-f]{24})/.exec(created.stdout())?.[1] ?? ''
  const key = /key\s+(acai_\S+)/.exec(created.stdout())?.[1] ?? ''
  t.equal(await keysCommand(['revoke', id], env, capture()), 0)

  const list = capture()
  t.equal(await auditCommand(['list'], env, list), 0)
  t.match(list.stdout(), new RegExp(`2\\s+\\S+\\s+key\\.revoked\\s+cli\\s+key:${id}\\s+-\\s+success`))
  t.match(list.stdout(), new RegExp(`1\\s+\\S+\\s+key\\.created\\s+cli\\s+key:${id}`))
  t.notOk(list.stdout().includes(key), 'the key is in no entry')

  const filtered = capture()
  t.equal(await auditCommand(['list', '--action', 'key.created', '--actor', 'cli', '--since', '2000-01-01T00:00:00Z', '--limit', '1'], env, filtered), 0)
  t.notMatch(filtered.stdout(), 'key.revoked')
  const paged = capture()
  t.equal(await auditCommand(['list', '--limit', '1'], env, paged), 0)
  t.match(paged.stderr(), 'More: acai audit list --before 2')
  const none = capture()
  t.equal(await auditCommand(['list', '--action', 'backup.created'], env, none), 0)
  t.match(none.stdout(), 'No audit entries match.')

  const verify = capture()
  t.equal(await auditCommand(['verify'], env, verify), 0)
  t.match(verify.stdout(), /Audit log intact: 2 entries, 1 to 2, head [0-9a-f]{64}\./)

  const client = new MongoClient(server.uri)
  t.teardown(() => client.close())
  await client.db('audit_cli').collection('audit_log').updateOne({ _id: 1 as never }, { $set: { target: 'key:someone-else' } })
  const broken = capture()
  t.equal(await auditCommand(['verify'], env, broken), 1, 'a broken chain fails the command')
  t.match(broken.stderr(), /Audit log broken at entry 1 \(.+, key\.created, key:someone-else\): its content does not match its hash \(edited\)\. 0 entries before it verified\./)

  await client.db('audit_cli').collection('audit_log').deleteOne({ _id: 1 as never })
  const trimmed = capture()
  t.equal(await auditCommand(['verify'], env, trimmed), 0)
  t.match(trimmed.stdout(), 'Entries 1 to 1 were removed by retention')

  const empty = capture()
  t.equal(await auditCommand(['verify'], { ...env, MONGODB_DB: 'audit_cli_empty' }, empty), 0)
  t.match(empty.stdout(), 'is empty')
})

test('acai audit refuses bad arguments with usage, and prints help', async (t) => {
  for (const argv of [[], ['sideways'], ['verify', 'extra'], ['list', '--action', 'nope'], ['list', '--since', 'yesterday'], ['list', '--limit', '0'], ['list', '--bogus']]) {
    const io = capture()
    t.equal(await auditCommand(argv, {}, io), 1, argv.join(' '))
    t.match(io.stderr(), 'usage: acai audit <command>')
  }
  const help = capture()
  t.equal(await auditCommand(['--help'], {}, help), 0)
  t.match(help.stdout(), 'verify')
})

test('acai audit on the in-memory database says so and finds nothing', async (t) => {
  const io = capture()
  t.equal(await auditCommand(['list'], {}, io), 0)
  t.match(io.stderr(), 'MONGODB_URI and DATA_DIR are unset')
  t.match(io.stdout(), 'No audit entries match.')
})

test('acai audit verify runs as a command of the acai entry point, with MONGODB_URI from a file', async (t) => {
  const server = await resolveMongoTarget({})
  t.teardown(() => server.close())
  const dir = await mkdtemp(join(tmpdir(), 'acai-audit-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await writeFile(join(dir, 'uri'), `${server.uri}\n`)
  const env = { MONGODB_URI_FILE: join(dir, 'uri'), MONGODB_DB: 'audit_process' }
  const created = await runCli(['keys', 'create', '--name', 'ops', '--scopes', 'admin'], env)
  t.equal(created.code, 0, created.stderr)
  const verified = await runCli(['audit', 'verify'], env)
  t.equal(verified.code, 0, verified.stderr)
  t.match(verified.stdout, 'Audit log intact: 1 entries, 1 to 1')
  const listed = await runCli(['audit', 'list', '--action', 'key.created'], env)
  t.match(listed.stdout, /1\s+\S+\s+key\.created\s+cli\s+key:[0-9a-f]{24}/)
})
