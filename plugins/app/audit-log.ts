// Decorates `fastify.audit`: records security events in the hash-chained `audit_log` (lib/audit-log) with
// the request's actor (its API key's id and name), client IP and request id, and counts failed
// authentications per key prefix, IP and minute, written as one entry per burst. Keeps the retention TTL
// index in line with AUDIT_RETENTION_DAYS.
import fp from 'fastify-plugin'
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify'
import type { AuditAction, AuditActor, AuditEvent, AuditOutcome } from '../../lib/audit-log/chain.js'
import { createFailureBursts, keyPrefixOf } from '../../lib/audit-log/failure-bursts.js'
import { createAuditLog, type AuditLog } from '../../lib/audit-log/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    audit: ReturnType<typeof createAuditRecorder>
  }
}

export interface AuditRecord { action: AuditAction, target: string, outcome?: AuditOutcome, actor?: AuditActor }

const FLUSH_INTERVAL_MS = 15_000

export function actorOf (request: FastifyRequest): AuditActor {
  const principal = request.principal
  return principal === null ? { type: 'anonymous' } : { type: 'key', keyId: principal.keyId, name: principal.name }
}

export function createAuditRecorder (log: AuditLog, logger: FastifyBaseLogger, now?: () => Date) {
  const pending = new Set<Promise<unknown>>()

  // The action has happened by the time it is recorded; a failed append is logged loudly (with what it
  // would have said) rather than turned into an error for a request that already did its work.
  function append (event: AuditEvent): Promise<void> {
    const written: Promise<void> = log.append(event).then(
      () => { pending.delete(written) },
      (err: unknown) => {
        pending.delete(written)
        logger.error({ err, audit: { action: event.action, target: event.target, outcome: event.outcome } }, 'audit log entry could not be written')
      }
    )
    pending.add(written)
    return written
  }

  const bursts = createFailureBursts({
    now,
    emit: (burst) => {
      // Not awaited: drain() waits for it through `pending`.
      append({
        actor: { type: 'anonymous' },
        action: 'auth.failures',
        target: `key-prefix:${burst.keyPrefix}`,
        ip: burst.ip,
        requestId: null,
        outcome: 'failure',
        count: burst.count
      })
    }
  })

  return {
    log,
    bursts,
    /** Appends one entry for this request's action. */
    record (request: FastifyRequest, { action, target, outcome = 'success', actor }: AuditRecord): Promise<void> {
      return append({ actor: actor ?? actorOf(request), action, target, ip: request.ip, requestId: String(request.id), outcome })
    },
    /** Counts a refused authentication; the burst becomes an entry once its minute is over. */
    authFailure (request: FastifyRequest, presentedKey: string | undefined): void {
      bursts.record(keyPrefixOf(presentedKey), request.ip)
    },
    /** Writes the bursts still counting and waits for every append in flight (at shutdown, in tests). */
    async drain (): Promise<void> {
      bursts.flush(true)
      await Promise.all([...pending])
    }
  }
}

async function auditLog (fastify: FastifyInstance): Promise<void> {
  const log = createAuditLog({ db: fastify.db })
  try {
    await log.ensureRetention(fastify.config.AUDIT_RETENTION_DAYS)
  } catch (err) {
    // A database that is down at start-up must not keep the service down; the next start tries again.
    fastify.log.warn({ err }, 'audit log retention index could not be checked')
  }
  const recorder = createAuditRecorder(log, fastify.log)
  fastify.decorate('audit', recorder)
  const timer = setInterval(() => recorder.bursts.flush(), FLUSH_INTERVAL_MS)
  timer.unref()
  fastify.addHook('onClose', async () => {
    clearInterval(timer)
    await recorder.drain()
  })
}

export default fp(auditLog, { name: 'audit-log', dependencies: ['mongodb', 'migrations'] })
