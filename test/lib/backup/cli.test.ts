import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'tap'
import { runCli } from '../cli-process.js'

// The operator's path through the real `acai` entry point: migrate a data directory no server holds, back it
// up, restore the backup over it with --drop; a wrong option is refused with the usage.
test('acai backup and acai restore through the entry point, on a data directory', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'acai-backup-cli-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const env = { DATA_DIR: join(dir, 'data') }

  t.equal((await runCli(['migrate', 'up'], env)).code, 0, 'migrated')
  const backup = await runCli(['backup', '--out', join(dir, 'backups')], env)
  t.equal(backup.code, 0, backup.stderr)
  t.match(backup.stderr, /Backed up .*: \d+ collections, \d+ documents/)
  const path = backup.stdout.trim()
  t.match(path, /backup-\d{8}-\d{6}[/\\]acai$/)
  t.same((await readdir(join(dir, 'backups'))).length, 1)

  const restore = await runCli(['restore', path, '--drop'], env)
  t.equal(restore.code, 0, restore.stderr)

  const bad = await runCli(['backup', '--colour'], env)
  t.equal(bad.code, 1)
  t.match(bad.stderr, /usage: acai backup/)
})
