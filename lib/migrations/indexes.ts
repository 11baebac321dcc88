import { MongoServerError, type Db } from 'mongodb'
import type { IndexPlan } from './types.js'

const NAMESPACE_NOT_FOUND = 26
const INDEX_NOT_FOUND = 27

function byCollection (plans: readonly IndexPlan[]): Map<string, IndexPlan[]> {
  const groups = new Map<string, IndexPlan[]>()
  for (const plan of plans) {
    const group = groups.get(plan.collection) ?? []
    group.push(plan)
    groups.set(plan.collection, group)
  }
  return groups
}

// createIndexes is idempotent for an identical spec, so re-running after a crash is safe; an index with
// the same name and a different spec fails loudly instead of being replaced behind the operator's back.
export async function createPlannedIndexes (db: Db, plans: readonly IndexPlan[]): Promise<void> {
  for (const [collection, group] of byCollection(plans)) {
    await db.collection(collection).createIndexes(group.map((plan) => ({ key: plan.key, name: plan.name, ...plan.options })))
  }
}

export async function dropPlannedIndexes (db: Db, plans: readonly IndexPlan[]): Promise<void> {
  for (const plan of plans) {
    try {
      await db.collection(plan.collection).dropIndex(plan.name)
    } catch (err) {
      const gone = err instanceof MongoServerError && (err.code === INDEX_NOT_FOUND || err.code === NAMESPACE_NOT_FOUND)
      if (!gone) throw err
    }
  }
}
