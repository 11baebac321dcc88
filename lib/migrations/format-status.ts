import { formatTable } from '../cli/table.js'
import type { MigrationStatus } from './runner.js'
import type { IndexPlan } from './types.js'

function formatKeys (key: Record<string, unknown>): string {
  return `{ ${Object.entries(key).map(([field, direction]) => `${field}: ${JSON.stringify(direction)}`).join(', ')} }`
}

function formatOptions (options: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [name, value] of Object.entries(options)) {
    if (name === 'unique' && value === true) parts.push('unique')
    else if (name === 'expireAfterSeconds') parts.push(`ttl ${String(value)}s`)
    else if (name === 'sparse' && value === true) parts.push('sparse')
    else if (value !== false) parts.push(`${name}=${JSON.stringify(value)}`)
  }
  return parts.join(', ')
}

function plannedIndexRows (plans: readonly IndexPlan[]): string[][] {
  return plans.map((plan) => [plan.collection, plan.name, formatKeys(plan.key), formatOptions(plan.options ?? {})])
}

const INDEX_HEADER = ['COLLECTION', 'INDEX', 'KEYS', 'OPTIONS']

// The human-readable `acai migrate status`: migrations, then every collection's indexes, then what the
// pending migrations would add.
export function formatStatus (status: MigrationStatus, { persistent }: { persistent: boolean }): string {
  const sections: string[] = []

  const migrationRows = [
    ...status.applied.map((m) => ['applied', m.id, m.appliedAt.toISOString(), m.description + (status.unknown.includes(m.id) ? ' (unknown to this version)' : '')]),
    ...status.inProgress.map((m) => [m.state, m.id, m.startedAt.toISOString(), 'claimed by a process that is working on it, or died doing so']),
    ...status.pending.filter((m) => !status.inProgress.some((p) => p.id === m.id)).map((m) => ['pending', m.id, '-', m.description])
  ]
  sections.push(`Migrations: ${status.applied.length} applied, ${status.pending.length} pending\n` +
    formatTable(['STATE', 'ID', 'AT', 'DESCRIPTION'], migrationRows))

  const indexRows = status.collections.flatMap((collection) => collection.indexes.map((index) =>
    [collection.name, index.name, formatKeys(index.key), formatOptions(index.options)]))
  if (indexRows.length > 0) {
    sections.push(`Indexes (${status.collections.length} collections)\n` + formatTable(INDEX_HEADER, indexRows))
  } else {
    sections.push(persistent ? 'Indexes: the database has no collections yet' : 'Indexes: none, the in-memory database is empty')
  }

  const planned = status.pending.flatMap((m) => m.indexes)
  if (planned.length > 0) {
    sections.push('Indexes `acai migrate up` would create\n' + formatTable(INDEX_HEADER, plannedIndexRows(planned)))
  }
  return sections.join('\n\n')
}
