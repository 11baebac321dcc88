import type { Db } from 'mongodb'

/** An index a migration creates, declared as data so `migrate status` can show what `up` would do. */
export interface IndexPlan {
  collection: string
  name: string
  key: Record<string, 1 | -1>
  options?: { unique?: boolean, expireAfterSeconds?: number }
}

// Migrations are code (DESIGN.md 4): applied in id order, each recorded in the `migrations` collection.
export interface Migration {
  /** Sortable and stable forever, e.g. '001-initial-indexes'. */
  id: string
  description: string
  indexes?: readonly IndexPlan[]
  up (db: Db): Promise<void>
  down (db: Db): Promise<void>
}
