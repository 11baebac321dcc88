import type { Db } from 'mongodb'
import type { AuditAction, AuditOutcome } from './chain.js'
import { createAuditLog } from './store.js'

/** Appends the entry of an `acai` command (actor `cli`, no IP or request id) to the database it worked on. */
export async function recordCliEvent (db: Db, action: AuditAction, target: string, outcome: AuditOutcome = 'success'): Promise<void> {
  await createAuditLog({ db }).append({ actor: { type: 'cli' }, action, target, ip: null, requestId: null, outcome })
}
