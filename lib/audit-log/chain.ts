import { createHash } from 'node:crypto'

// The audit log's entries and their hash chain (DESIGN.md 6, issue 15). Each entry stores the sha256 of
// the entry before it and of its own content, its sequence number included, so an edited, removed or
// reordered entry breaks the chain at a place `verify` can name.

export const AUDIT_ACTIONS = [
  'key.created',
  'key.revoked',
  'key.expired',
  'prompt.published',
  'conversation.deleted',
  'session.reset',
  'backup.created',
  'backup.restored',
  'auth.failures'
] as const

export type AuditAction = typeof AUDIT_ACTIONS[number]

/** Who did it: an API key (id and name), the `acai` CLI, the service itself (a key expiring), or nobody known (failed authentication). */
export type AuditActor =
  | { type: 'key', keyId: string, name: string }
  | { type: 'cli' }
  | { type: 'system' }
  | { type: 'anonymous' }

export type AuditOutcome = 'success' | 'failure'

/** What a caller records. Never a key, a secret or message content: ids, names and counts only. */
export interface AuditEvent {
  actor: AuditActor
  action: AuditAction
  /** What the action was about, e.g. `key:<id>`, `conversation:<id>`, `prompt:telegram@3`. */
  target: string
  ip: string | null
  requestId: string | null
  outcome: AuditOutcome
  /** For aggregated events (auth.failures): how many occurrences the entry stands for. */
  count?: number
}

export interface AuditEntry extends AuditEvent {
  /** The sequence number, stored as `_id`: unique, so two appenders can never both write the same one. */
  seq: number
  time: Date
  prevHash: string
  hash: string
}

/** The `prevHash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64)

// A fixed field order, so the digest does not depend on how a driver or a database orders keys.
function canonical (entry: Omit<AuditEntry, 'hash'>): string {
  const actor = entry.actor
  return JSON.stringify([
    entry.seq,
    entry.time.toISOString(),
    actor.type,
    actor.type === 'key' ? actor.keyId : null,
    actor.type === 'key' ? actor.name : null,
    entry.action,
    entry.target,
    entry.ip,
    entry.requestId,
    entry.outcome,
    entry.count ?? null,
    entry.prevHash
  ])
}

export function entryHash (entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonical(entry), 'utf8').digest('hex')
}

export type ChainCheck =
  | { ok: true }
  | { ok: false, reason: string }

/**
 * Checks one entry against the one before it (undefined for the oldest remaining entry). The oldest one
 * may follow entries the retention TTL removed: its own hash is checked, its link is taken as given.
 */
export function checkLink (entry: AuditEntry, previous: AuditEntry | undefined): ChainCheck {
  if (entry.hash !== entryHash(entry)) return { ok: false, reason: 'its content does not match its hash (edited)' }
  if (previous === undefined) {
    if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) return { ok: false, reason: 'the first entry does not start the chain' }
    return { ok: true }
  }
  if (entry.seq !== previous.seq + 1) return { ok: false, reason: `entries ${previous.seq + 1} to ${entry.seq - 1} are missing (removed)` }
  if (entry.prevHash !== previous.hash) return { ok: false, reason: `it does not follow entry ${previous.seq} (removed, replaced or reordered)` }
  return { ok: true }
}
