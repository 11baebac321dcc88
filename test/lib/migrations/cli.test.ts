import { test } from 'tap'
import { resolveMongoTarget } from '../../../lib/mongo/target.js'
import { migrateCommand } from '../../../lib/migrations/cli.js'
import type { CliIo } from '../../../lib/cli/io.js'
import { runCli } from '../cli-process.js'

function capture (): CliIo & { stdout: () => string, stderr: () => string } {
  const out: string[] = []
  const err: string[] = []
  return { out: (s) => { out.push(s) }, err: (s) => { err.push(s) }, stdout: () => out.join('\n'), stderr: () => err.join('\n') }
}

test('acai migrate up, status and down against a MongoDB given by MONGODB_URI', async (t) => {
  const server = await resolveMongoTarget({})
  t.teardown(() => server.close())
  const env = { MONGODB_URI: server.uri, MONGODB_DB: 'cli_test' }

  const up = capture()
  t.equal(await migrateCommand(['up'], env, up), 0)
  t.match(up.stdout(), "Connected to database 'cli_test' on mongodb://")
  t.match(up.stdout(), 'Applied 001-initial-indexes')
  t.notMatch(up.stderr(), 'MONGODB_URI and DATA_DIR are unset', 'no in-memory warning for a real database')

  const again = capture()
  await migrateCommand(['up'], env, again)
  t.match(again.stdout(), 'Nothing to apply')

  const status = capture()
  t.equal(await migrateCommand(['status'], env, status), 0)
  t.match(status.stdout(), 'Migrations: 3 applied, 0 pending')
  t.match(status.stdout(), /conversations\s+conversations_owner_updated\s+\{ ownerId: 1, updatedAt: -1, _id: -1 \}/)
  t.match(status.stdout(), /messages\s+messages_conversation_seq\s+\{ conversationId: 1, seq: 1 \}\s+unique/)

  const audit = capture()
  t.equal(await migrateCommand(['down'], env, audit), 0)
  t.match(audit.stdout(), 'Reverted 003-audit-log')
  const down = capture()
  t.equal(await migrateCommand(['down'], env, down), 0)
  t.match(down.stdout(), 'Reverted 002-default-prompt')
  const first = capture()
  t.equal(await migrateCommand(['down'], env, first), 0)
  t.match(first.stdout(), 'Reverted 001-initial-indexes')
  const none = capture()
  await migrateCommand(['down'], env, none)
  t.match(none.stdout(), 'Nothing to revert')
})

test('acai migrate with a wrong action prints usage and fails', async (t) => {
  const io = capture()
  t.equal(await migrateCommand(['sideways'], {}, io), 1)
  t.match(io.stderr(), 'usage: acai migrate <up|down|status>')
  const help = capture()
  t.equal(await migrateCommand(['--help'], {}, help), 0)
  t.match(help.stdout(), 'usage: acai migrate')
})

test('acai migrate persists between runs with DATA_DIR', async (t) => {
  const env = { DATA_DIR: t.testdir({}) }
  const before = await runCli(['migrate', 'status'], env)
  t.equal(before.code, 0, before.stderr)
  t.match(before.stdout, /pending\s+001-initial-indexes/)
  t.match(before.stdout, 'Indexes `acai migrate up` would create')

  const up = capture()
  t.equal(await migrateCommand(['up'], env, up), 0, up.stderr())
  t.match(up.stdout(), 'Applied 001-initial-indexes')

  const after = await runCli(['migrate', 'status'], env)
  t.equal(after.code, 0, after.stderr)
  t.match(after.stdout, /applied\s+001-initial-indexes/)
  t.match(after.stdout, /conversations\s+conversations_owner_updated/)
  t.match(after.stdout, /messages\s+messages_conversation_seq/)
  t.notMatch(after.stdout, 'would create')
})

test('acai migrate status without MONGODB_URI or DATA_DIR says the in-memory database is empty', async (t) => {
  const io = capture()
  t.equal(await migrateCommand(['status'], {}, io), 0)
  t.match(io.stderr(), 'MONGODB_URI and DATA_DIR are unset')
  t.match(io.stderr(), 'not the database of a running')
  t.match(io.stdout(), "database 'acai' on embedded server, in memory")
  t.match(io.stdout(), 'Indexes: none, the in-memory database is empty')
  t.match(io.stdout(), /Indexes `acai migrate up` would create[\s\S]*conversations_owner_updated[\s\S]*messages_conversation_seq/)
})
