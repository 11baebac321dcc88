import type { AuditEntry } from './chain.js'

/** An entry as JSON (API and CLI): the time as ISO 8601, the actor's key fields only when it is a key. */
export function auditEntryView (entry: AuditEntry) {
  return {
    seq: entry.seq,
    time: entry.time.toISOString(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    ip: entry.ip,
    requestId: entry.requestId,
    outcome: entry.outcome,
    ...(entry.count === undefined ? {} : { count: entry.count }),
    prevHash: entry.prevHash,
    hash: entry.hash
  }
}
