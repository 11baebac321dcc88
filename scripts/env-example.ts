// Writes .env.example from schemas/env.ts: `npx tsx scripts/env-example.ts`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EnvSchema } from '../schemas/env.js'
import { renderEnvExample } from '../lib/config/env-example.js'

writeFileSync(join(import.meta.dirname, '..', '.env.example'), renderEnvExample(EnvSchema))
