import { test } from 'tap'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../../lib/config/load-config.js'
import { resolveSecretFiles, SECRET_FILE_VARIABLES } from '../../../lib/config/secret-files.js'
import { EnvSchema } from '../../../schemas/env.js'

const SECRET = 'postgres://user:hunter2-secret@db/x'

test('each secret variable has a _FILE twin in the configuration schema', async (t) => {
  for (const name of SECRET_FILE_VARIABLES) {
    t.ok(name in EnvSchema.properties, name)
    t.ok(`${name}_FILE` in EnvSchema.properties, `${name}_FILE`)
  }
})

test('a _FILE twin is read once, trimmed, and replaces the path with the value', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'acai-secret-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await writeFile(join(dir, 'llm'), '  sk-from-file-123\n')
  await writeFile(join(dir, 'redis'), 'redis://:pw@cache:6379\n')
  const env = { LLM_API_KEY_FILE: join(dir, 'llm'), REDIS_URL_FILE: join(dir, 'redis'), LOG_LEVEL: 'warn' }
  const resolved = resolveSecretFiles(env)
  t.same(resolved, { LLM_API_KEY: 'sk-from-file-123', REDIS_URL: 'redis://:pw@cache:6379', LOG_LEVEL: 'warn' })
  t.same(resolveSecretFiles(resolved), resolved, 'resolving again changes nothing')
  const config = loadConfig(env)
  t.equal(config.LLM_API_KEY, 'sk-from-file-123')
  t.equal(config.REDIS_URL, 'redis://:pw@cache:6379')
  t.equal(config.LLM_API_KEY_FILE, undefined)

  let reads = 0
  resolveSecretFiles({ WEATHER_API_KEY_FILE: '/x' }, () => { reads++; return 'k' })
  t.equal(reads, 1)
})

test('start-up errors name the variables and the path, never the value', async (t) => {
  t.throws(() => resolveSecretFiles({ MONGODB_URI: SECRET, MONGODB_URI_FILE: '/run/secrets/mongo' }, () => SECRET), { message: 'MONGODB_URI and MONGODB_URI_FILE are both set: set only one of them' })
  t.throws(() => resolveSecretFiles({ REDIS_URL_FILE: '/nope/redis' }), { message: 'REDIS_URL_FILE: cannot read /nope/redis (ENOENT)' })
  t.throws(() => resolveSecretFiles({ LLM_API_KEY_FILE: '/x' }, () => { throw new Error('weird') }), { message: 'LLM_API_KEY_FILE: cannot read /x (unreadable)' })
  t.throws(() => resolveSecretFiles({ WEATHER_API_KEY_FILE: '/run/secrets/w' }, () => ' \n'), { message: 'WEATHER_API_KEY_FILE: /run/secrets/w is empty' })
  // A file holding something that is not a MongoDB URI fails validation without echoing it.
  let message = ''
  try {
    loadConfig({ MONGODB_URI_FILE: '/run/secrets/mongo' } as never)
  } catch (err) {
    message = err instanceof Error ? err.message : String(err)
  }
  t.match(message, 'MONGODB_URI_FILE: cannot read /run/secrets/mongo')
  const dir = await mkdtemp(join(tmpdir(), 'acai-secret-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await writeFile(join(dir, 'mongo'), SECRET)
  t.throws(() => loadConfig({ MONGODB_URI_FILE: join(dir, 'mongo') }), /MONGODB_URI/)
  try {
    loadConfig({ MONGODB_URI_FILE: join(dir, 'mongo') })
  } catch (err) {
    t.notOk(String(err instanceof Error ? err.message : err).includes('hunter2'), 'the invalid value is not echoed')
  }
})
