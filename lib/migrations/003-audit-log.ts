import { MongoServerError, type Db } from 'mongodb'
import { createPlannedIndexes, dropPlannedIndexes } from './indexes.js'
import type { IndexPlan, Migration } from './types.js'

// The append-only `audit_log` collection (issue 15). Entries are keyed by their sequence number (`_id`,
// unique by definition); this index serves the filters of GET /v1/admin/audit. The retention TTL index
// on `time` follows AUDIT_RETENTION_DAYS, so the audit-log plugin keeps it, not this migration.
const NAMESPACE_EXISTS = 48

const indexes: readonly IndexPlan[] = [
  { collection: 'audit_log', name: 'audit_log_action_seq', key: { action: 1, _id: -1 } }
]

export const auditLog: Migration = {
  id: '003-audit-log',
  description: 'the audit_log collection and its action index',
  indexes,
  async up (db: Db): Promise<void> {
    try {
      await db.createCollection('audit_log')
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === NAMESPACE_EXISTS)) throw err
    }
    await createPlannedIndexes(db, indexes)
  },
  // The entries are evidence: down removes the index, never the collection or what it holds.
  down: (db) => dropPlannedIndexes(db, indexes)
}
