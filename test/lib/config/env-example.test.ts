import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'tap'
import { EnvSchema } from '../../../schemas/env.js'
import { renderEnvExample } from '../../../lib/config/env-example.js'

test('each variable gets its meaning, its allowed values and its default; ones without a default stay commented', async (t) => {
  const text = renderEnvExample({
    properties: {
      PORT: { description: 'HTTP port', default: 8080 },
      LEVEL: { description: 'log level', default: 'info', anyOf: [{ const: 'info' }, { const: 'debug' }] },
      SECRET: { description: 'a key; unset: off' }
    }
  })
  t.match(text, '# HTTP port\nPORT=8080\n')
  t.match(text, '# log level\n# one of: info, debug\nLEVEL=info\n')
  t.match(text, '# a key; unset: off\n# SECRET=\n')
})

test('the committed .env.example is what the schema renders', async (t) => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', '.env.example'), 'utf8')
  const missing = Object.keys(EnvSchema.properties).filter((name) => !new RegExp(`^(# )?${name}=`, 'm').test(committed))
  t.same(missing, [], 'every variable is listed')
  t.equal(committed, renderEnvExample(EnvSchema), 'up to date with schemas/env.ts (regenerate with `npx tsx scripts/env-example.ts`)')
})
