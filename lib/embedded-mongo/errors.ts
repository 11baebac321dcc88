// MongoDB's error vocabulary. Every error the embedded server answers with carries the numeric code and
// codeName real MongoDB uses, so drivers and application code branch on them exactly as they would in
// production.
import type { Document } from 'bson'

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  AuthenticationFailed: 18,
  ProtocolError: 17,
  MechanismUnavailable: 334,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  NoReplicationEnabled: 76,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  InvalidPipelineOperator: 168,
  QueryPlanKilled: 175,
  CannotIndexParallelArrays: 171,
  InvalidIndexSpecificationOption: 197,
  NotImplemented: 238,
  Location31250: 31250,
  Location31253: 31253,
  Location31254: 31254,
  Location40324: 40324,
  Location40573: 40573,
  AmbiguousIndexKeyPattern: 211,
  Location15976: 15976,
  Location15955: 15955,
  Location40234: 40234,
  Location28812: 28812,
  Location40156: 40156,
  Location15947: 15947,
  Location40571: 40571,
  Location40323: 40323,
  Location40414: 40414,
  Location40415: 40415,
  InvalidLength: 16,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  Location17419: 17419
} as const

export type ErrorCodeName = keyof typeof ErrorCodes

export class MongoServerError extends Error {
  readonly code: number
  readonly codeName: string
  readonly extra: Document

  constructor (codeName: ErrorCodeName, message: string, extra: Document = {}) {
    super(message)
    this.code = ErrorCodes[codeName]
    this.codeName = codeName
    this.extra = extra
  }

  toReply (): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra }
  }

  toWriteError (index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra }
  }
}

export function fail (codeName: ErrorCodeName, message: string, extra?: Document): never {
  throw new MongoServerError(codeName, message, extra)
}

export function notImplemented (feature: string): never {
  throw new MongoServerError('NotImplemented', `${feature} is not supported by the embedded MongoDB-compatible server`)
}

// Anything thrown that is not ours (a bug) still becomes a well-formed error reply instead of a dropped
// connection.
export function toServerError (err: unknown): MongoServerError {
  if (err instanceof MongoServerError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new MongoServerError('InternalError', message)
}
