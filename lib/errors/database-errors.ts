import {
  MongoClientClosedError,
  MongoDriverError,
  MongoError,
  MongoErrorLabel,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoWriteConcernError
} from 'mongodb'

// Is this MongoDB error "the database is unreachable or changing hands right now" (503 + Retry-After:
// the client should come back), rather than a bug or a client error (a duplicate key, a validation
// failure)? Decided by the driver's own signals: its error classes, the labels it and the server attach,
// and the server's state-change codes, never by error names, which subclasses and new driver versions
// do not keep.

// Server codes for a node that is shutting down, stepping down or unreachable: what a replica-set
// failover or a restart answers while the driver's own single retry did not absorb it.
const UNAVAILABLE_SERVER_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10058, // LegacyNotPrimary
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436 // NotPrimaryOrSecondary
])

// Labels meaning "retry this elsewhere or later": the write may be retried, or the connection pool was
// reset because the server went away.
const UNAVAILABLE_LABELS = [
  MongoErrorLabel.RetryableWriteError,
  MongoErrorLabel.ResetPool,
  MongoErrorLabel.PoolRequestedRetry,
  MongoErrorLabel.SystemOverloadedError
]

// The driver's pool errors are not exported: a closed pool (the client is shutting down) and a full
// wait queue (every connection busy past the timeout) are both "come back later".
const UNAVAILABLE_POOL_ERRORS = new Set(['MongoPoolClosedError', 'MongoWaitQueueTimeoutError'])

export function isDatabaseUnavailable (err: unknown): boolean {
  if (!(err instanceof MongoError)) return false
  if (
    err instanceof MongoNetworkError || // also a timed-out socket and a cleared pool
    err instanceof MongoServerSelectionError ||
    err instanceof MongoOperationTimeoutError ||
    err instanceof MongoWriteConcernError ||
    err instanceof MongoTopologyClosedError ||
    err instanceof MongoClientClosedError ||
    err instanceof MongoServerClosedError ||
    err instanceof MongoNotConnectedError
  ) return true
  if (UNAVAILABLE_LABELS.some((label) => err.hasErrorLabel(label))) return true
  if (err instanceof MongoServerError && UNAVAILABLE_SERVER_CODES.has(Number(err.code))) return true
  return err instanceof MongoDriverError && UNAVAILABLE_POOL_ERRORS.has(err.name)
}
