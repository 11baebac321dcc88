// Real MongoDB driver error objects, one per class of "the database is unavailable right now" failure
// (issue: database failures that became 500s), and a few that must stay client or logic errors.
import { createRequire } from 'node:module'
import {
  MongoClient,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoTopologyClosedError,
  MongoWriteConcernError
} from 'mongodb'
import { freePort } from '../../free-port.js'

interface PoolErrors {
  PoolClearedError: new (pool: { address: string }) => Error
  PoolClosedError: new (pool: { address: string }) => Error
  WaitQueueTimeoutError: new (message: string, address: string) => Error
}
// The driver does not export its pool errors; they are still what it throws.
const pool = createRequire(import.meta.url)('mongodb/lib/cmap/errors.js') as PoolErrors

function serverError (code: number, codeName: string, errorLabels?: string[]): MongoServerError {
  return new MongoServerError({ ok: 0, code, codeName, errmsg: `${codeName} (from a replica set in failover)`, ...(errorLabels === undefined ? {} : { errorLabels }) })
}

/** A genuine server-selection timeout: a client pointed at a port nobody listens on. */
export async function serverSelectionError (): Promise<unknown> {
  const client = new MongoClient(`mongodb://127.0.0.1:${await freePort()}`, { serverSelectionTimeoutMS: 50, connectTimeoutMS: 50 })
  try {
    return await client.db('x').command({ ping: 1 }).catch((err: unknown) => err)
  } finally {
    await client.close()
  }
}

export function unavailableErrors (): Record<string, unknown> {
  return {
    MongoNetworkError: new MongoNetworkError('connect ECONNREFUSED 10.0.0.5:27017'),
    MongoNetworkTimeoutError: new MongoNetworkTimeoutError('connection 3 to 10.0.0.5:27017 timed out'),
    MongoPoolClearedError: new pool.PoolClearedError({ address: '10.0.0.5:27017' }),
    MongoPoolClosedError: new pool.PoolClosedError({ address: '10.0.0.5:27017' }),
    MongoWaitQueueTimeoutError: new pool.WaitQueueTimeoutError('Timed out while checking out a connection from connection pool', '10.0.0.5:27017'),
    MongoTopologyClosedError: new MongoTopologyClosedError(),
    MongoNotConnectedError: new MongoNotConnectedError('Client must be connected before running operations'),
    MongoClientClosedError: new MongoClientClosedError(),
    MongoOperationTimeoutError: new MongoOperationTimeoutError('Timed out during operation execution'),
    MongoWriteConcernError: new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' } }),
    'NotWritablePrimary (10107)': serverError(10107, 'NotWritablePrimary'),
    'NotPrimaryNoSecondaryOk (13435)': serverError(13435, 'NotPrimaryNoSecondaryOk'),
    'InterruptedAtShutdown (11600)': serverError(11600, 'InterruptedAtShutdown'),
    'ShutdownInProgress (91)': serverError(91, 'ShutdownInProgress'),
    'PrimarySteppedDown (189)': serverError(189, 'PrimarySteppedDown'),
    'a RetryableWriteError label': serverError(1, 'InternalError', ['RetryableWriteError']),
    'a ResetPool label': serverError(1, 'InternalError', ['ResetPool'])
  }
}

/** Errors that say nothing about availability: a retry would fail the same way. */
export function otherErrors (): Record<string, unknown> {
  return {
    'duplicate key (11000)': serverError(11000, 'DuplicateKey'),
    'document validation (121)': serverError(121, 'DocumentValidationFailure'),
    'bad value (2)': serverError(2, 'BadValue')
  }
}
