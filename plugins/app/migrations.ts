// Decorates `fastify.migrations` (the lib/migrations runner over this app's database) and, when
// MIGRATE_ON_START is true, applies pending migrations before any route serves. Instances starting
// together are safe: each migration is claimed by exactly one of them (lib/migrations/runner.ts).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { migrations as allMigrations } from '../../lib/migrations/index.js'
import { createMigrator, type Migrator } from '../../lib/migrations/runner.js'

declare module 'fastify' {
  interface FastifyInstance {
    migrations: Migrator
  }
}

async function migrations (fastify: FastifyInstance): Promise<void> {
  const { db } = fastify
  const log = fastify.log.child({ component: 'migrations' })
  const migrator = createMigrator({ db, migrations: allMigrations, log: (message) => log.info(message) })
  fastify.decorate('migrations', migrator)

  if (fastify.config.MIGRATE_ON_START) {
    const applied = await migrator.up()
    log.info({ applied }, applied.length === 0 ? 'migrations up to date' : 'migrations applied')
    return
  }
  const { pending } = await migrator.status()
  if (pending.length > 0) {
    log.warn({ pending: pending.map((m) => m.id) }, 'pending migrations and MIGRATE_ON_START=false: run `acai migrate up`')
  }
}

export default fp(migrations, { name: 'migrations', dependencies: ['mongodb'] })
