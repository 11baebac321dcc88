import { setTimeout as sleep } from 'node:timers/promises'
import { MongoServerError, type Db } from 'mongodb'
import type { IndexPlan, Migration } from './types.js'

type RecordState = 'applying' | 'applied' | 'reverting'

// One document per migration in `migrations`, keyed by the migration id. Inserting it first is the lock:
// the unique `_id` lets exactly one process claim a migration, however many start together.
interface MigrationRecord {
  _id: string
  description: string
  state: RecordState
  startedAt: Date
  appliedAt?: Date
}

export interface IndexInfo { name: string, key: Record<string, unknown>, options: Record<string, unknown> }

export interface MigrationStatus {
  applied: Array<{ id: string, description: string, appliedAt: Date }>
  pending: Array<{ id: string, description: string, indexes: readonly IndexPlan[] }>
  /** Claimed by a process that is applying or reverting it right now (or died doing so). */
  inProgress: Array<{ id: string, state: RecordState, startedAt: Date }>
  /** Applied by a newer version of the service: recorded, but not among this version's migrations. */
  unknown: string[]
  collections: Array<{ name: string, indexes: IndexInfo[] }>
}

export interface MigratorOptions {
  db: Db
  migrations: readonly Migration[]
  now?: () => Date
  log?: (message: string) => void
  /** A claim older than this is taken to belong to a process that died, and is taken over. */
  staleAfterMs?: number
  pollMs?: number
}

const COLLECTION = 'migrations'
const DUPLICATE_KEY = 11000
// Fields listIndexes returns that describe the index itself rather than an option the operator chose.
const INDEX_META_FIELDS = new Set(['v', 'key', 'name', 'ns'])

function isDuplicateKey (err: unknown): boolean {
  return err instanceof MongoServerError && err.code === DUPLICATE_KEY
}

export function validateMigrations (migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const previous = migrations[i - 1]
    const current = migrations[i]
    if (previous !== undefined && current !== undefined && previous.id >= current.id) {
      throw new Error(`migrations must have unique ids in ascending order: '${previous.id}' comes before '${current.id}'`)
    }
  }
}

export function createMigrator ({ db, migrations, now = () => new Date(), log = () => {}, staleAfterMs = 120_000, pollMs = 100 }: MigratorOptions) {
  validateMigrations(migrations)
  const records = db.collection<MigrationRecord>(COLLECTION)

  function isStale (record: MigrationRecord): boolean {
    return now().getTime() - record.startedAt.getTime() >= staleAfterMs
  }

  // Resolves 'claimed' when this process must apply the migration, 'applied' when another one did.
  async function claim (migration: Migration): Promise<'claimed' | 'applied'> {
    let waiting = false
    for (;;) {
      try {
        await records.insertOne({ _id: migration.id, description: migration.description, state: 'applying', startedAt: now() })
        return 'claimed'
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
      const record = await records.findOne({ _id: migration.id })
      if (record === null) continue
      if (record.state === 'applied') return 'applied'
      if (isStale(record)) {
        const taken = await records.findOneAndUpdate(
          { _id: migration.id, state: record.state, startedAt: record.startedAt },
          { $set: { state: 'applying', startedAt: now() } }
        )
        if (taken !== null) {
          log(`taking over ${migration.id}: its claim from ${record.startedAt.toISOString()} is stale`)
          return 'claimed'
        }
        continue
      }
      if (!waiting) log(`waiting for another process to finish ${migration.id}`)
      waiting = true
      await sleep(pollMs)
    }
  }

  async function appliedRecords (): Promise<MigrationRecord[]> {
    return records.find({ state: 'applied' }).sort({ _id: 1 }).toArray()
  }

  async function listIndexes (): Promise<MigrationStatus['collections']> {
    const collections = await db.listCollections({}, { nameOnly: true }).toArray()
    const names = collections.map((c) => c.name).filter((name) => !name.startsWith('system.')).sort()
    const result: MigrationStatus['collections'] = []
    for (const name of names) {
      const indexes = await db.collection(name).listIndexes().toArray()
      result.push({
        name,
        indexes: indexes.map((index) => ({
          name: String(index.name),
          key: { ...index.key },
          options: Object.fromEntries(Object.entries(index).filter(([field]) => !INDEX_META_FIELDS.has(field)))
        }))
      })
    }
    return result
  }

  return {
    /** Applies every pending migration in order; resolves to the ids this call applied. */
    async up (): Promise<string[]> {
      const done = new Set((await appliedRecords()).map((r) => r._id))
      const applied: string[] = []
      for (const migration of migrations) {
        if (done.has(migration.id)) continue
        if (await claim(migration) === 'applied') continue
        try {
          await migration.up(db)
        } catch (err) {
          // Release the claim so the next run retries instead of waiting for it to go stale.
          await records.deleteOne({ _id: migration.id, state: 'applying' })
          throw err
        }
        await records.updateOne({ _id: migration.id }, { $set: { state: 'applied', appliedAt: now() } })
        applied.push(migration.id)
      }
      return applied
    },

    /** Reverts the most recently applied migration; resolves to its id, or null when none is applied. */
    async down (): Promise<string | null> {
      const applied = await appliedRecords()
      const last = applied.at(-1)
      if (last === undefined) return null
      const migration = migrations.find((m) => m.id === last._id)
      if (migration === undefined) {
        throw new Error(`the last applied migration '${last._id}' is unknown to this version; revert it with the version that applied it`)
      }
      const claimed = await records.findOneAndUpdate(
        { _id: migration.id, state: 'applied' },
        { $set: { state: 'reverting', startedAt: now() } }
      )
      if (claimed === null) throw new Error(`migration '${migration.id}' changed while reverting it; run status and retry`)
      try {
        await migration.down(db)
      } catch (err) {
        await records.updateOne({ _id: migration.id, state: 'reverting' }, { $set: { state: 'applied' } })
        throw err
      }
      await records.deleteOne({ _id: migration.id })
      return migration.id
    },

    async status (): Promise<MigrationStatus> {
      const all = await records.find({}).sort({ _id: 1 }).toArray()
      const byId = new Map(all.map((r) => [r._id, r]))
      const known = new Set(migrations.map((m) => m.id))
      return {
        applied: all
          .filter((r) => r.state === 'applied')
          .map((r) => ({ id: r._id, description: r.description, appliedAt: r.appliedAt ?? r.startedAt })),
        pending: migrations
          .filter((m) => byId.get(m.id)?.state !== 'applied')
          .map((m) => ({ id: m.id, description: m.description, indexes: m.indexes ?? [] })),
        inProgress: all
          .filter((r) => r.state !== 'applied')
          .map((r) => ({ id: r._id, state: r.state, startedAt: r.startedAt })),
        unknown: all.filter((r) => r.state === 'applied' && !known.has(r._id)).map((r) => r._id),
        collections: await listIndexes()
      }
    }
  }
}

export type Migrator = ReturnType<typeof createMigrator>
