// The fields MongoDB 7.0 accepts in each CRUD command and in each update and delete statement, as its
// IDL declares them (write_ops.idl, find_command.idl, aggregate_command.idl, count_command.idl,
// distinct_command.idl, explain.idl and the generic arguments of generic_argument.idl), sorted by what
// this server does with them. `accepted` fields are honoured, or have no effect on a single in-memory
// node (the README lists those). `refused` fields are ones 7.0 knows but this server does not implement:
// they answer NotImplemented naming the feature, so nothing is accepted and silently ignored. Any other
// field is unknown to 7.0 as well, and gets its error.

export interface FieldSpec {
  readonly required: readonly string[]
  readonly accepted: ReadonlySet<string>
  readonly refused: Readonly<Record<string, string>>
}

// Sharding, replication, query-analysis and encryption internals: a client never needs them.
const INTERNAL = 'cluster-internal fields'
const internal = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, INTERNAL]))

function spec (accepted: string[], refused: Record<string, string> = {}, required: string[] = []): FieldSpec {
  return { required, accepted: new Set(accepted), refused }
}

// Generic arguments every command takes. Of the accepted ones, sessions exist without transactions, every
// read preference reads this one node and concerns.ts checks read and write concerns. Two are accepted
// without their effect, as the README says: maxTimeMS never expires (each command runs to completion in
// one synchronous step), and the Stable API fields bring no API Version 1 checks.
export const GENERIC_ARGUMENTS = spec(
  ['$db', 'lsid', '$clusterTime', '$readPreference', 'comment', 'maxTimeMS', 'readConcern', 'writeConcern',
    'apiVersion', 'apiStrict', 'apiDeprecationErrors'],
  {
    txnNumber: 'transactions',
    autocommit: 'transactions',
    startTransaction: 'transactions',
    stmtId: 'retryable-write statement ids',
    ...internal('clientOperationKey', '$audit', '$client', '$configServerState', 'allowImplicitCollectionCreation',
      '$oplogQueryData', '$queryOptions', '$replData', 'databaseVersion', 'shardVersion', 'tracking_info', 'coordinator',
      'maxTimeMSOpOnly', '$configTime', '$topologyTime', 'txnRetryCounter', 'mayBypassWriteBlocking', '$tenant',
      'expectPrefix')
  }
)

// bypassDocumentValidation has nothing to bypass: this server has no validators.
const WRITE_BASE = ['ordered', 'bypassDocumentValidation']
const WRITE_BASE_REFUSED = {
  stmtIds: 'retryable-write statement ids',
  ...internal('isTimeseriesNamespace', 'collectionUUID', 'encryptionInformation', 'bypassEmptyTsReplacement')
}

export const COMMAND_FIELDS: Readonly<Record<string, FieldSpec>> = {
  insert: spec(['documents', ...WRITE_BASE], WRITE_BASE_REFUSED, ['documents']),
  update: spec(['updates', ...WRITE_BASE], { ...WRITE_BASE_REFUSED, let: 'let variables', ...internal('runtimeConstants') }, ['updates']),
  delete: spec(['deletes', ...WRITE_BASE], { ...WRITE_BASE_REFUSED, let: 'let variables', ...internal('runtimeConstants') }, ['deletes']),
  // batchSize and singleBatch are in 7.0's findAndModify IDL and mean nothing for a single document.
  findAndModify: spec(
    ['query', 'fields', 'sort', 'hint', 'arrayFilters', 'remove', 'update', 'upsert', 'new', 'bypassDocumentValidation',
      'batchSize', 'singleBatch'],
    {
      collation: 'collation',
      let: 'let variables',
      ...internal('runtimeConstants', 'encryptionInformation', 'bypassEmptyTsReplacement', 'sampleId', '$_originalQuery',
        '$_originalCollation', '$_allowShardKeyUpdatesWithoutFullShardKeyInQuery')
    }
  ),
  // allowDiskUse: no sort or group here has a memory limit to spill past. allowPartialResults only
  // matters behind mongos. tailable, awaitData, oplogReplay, returnKey, showRecordId, min and max are
  // refused by find.ts unless false.
  find: spec(
    ['filter', 'projection', 'sort', 'hint', 'skip', 'limit', 'batchSize', 'singleBatch', 'allowDiskUse', 'min', 'max',
      'returnKey', 'showRecordId', 'tailable', 'oplogReplay', 'noCursorTimeout', 'awaitData', 'allowPartialResults'],
    {
      collation: 'collation',
      let: 'let variables',
      ...internal('term', 'readOnce', 'allowSpeculativeMajorityRead', '$_requestResumeToken', '$_resumeAfter', '$_startAt',
        'runtimeConstants', 'collectionUUID', 'encryptionInformation', 'mirrored', 'sampleId')
    }
  ),
  aggregate: spec(
    ['pipeline', 'explain', 'allowDiskUse', 'cursor', 'hint', 'bypassDocumentValidation'],
    {
      collation: 'collation',
      let: 'let variables',
      ...internal('needsMerge', 'fromMongos', '$_requestReshardingResumeToken', 'exchange', 'runtimeConstants',
        'isMapReduceCommand', 'collectionUUID', '$_passthroughToShard', '$_generateV2ResumeTokens', 'encryptionInformation',
        '$_externalDataSources', 'sampleId', '$_isClusterQueryWithoutShardKeyCmd')
    },
    ['pipeline']
  ),
  // count's `fields` is a legacy field MongoDB itself ignores.
  count: spec(['query', 'limit', 'skip', 'hint', 'fields'], { collation: 'collation', ...internal('encryptionInformation', 'mirrored', 'sampleId') }),
  // No hint: distinct takes one from MongoDB 7.1 on.
  distinct: spec(['key', 'query'], { collation: 'collation', ...internal('mirrored', 'sampleId') }, ['key']),
  explain: spec(['verbosity'])
}

// The entries of an update's `updates` and a delete's `deletes`: not commands, so no generic arguments.
export const STATEMENT_FIELDS: Readonly<Record<string, { field: string, spec: FieldSpec }>> = {
  update: {
    field: 'updates',
    spec: spec(
      ['q', 'u', 'arrayFilters', 'hint', 'multi', 'upsert'],
      { collation: 'collation', c: 'update constants (c)', ...internal('upsertSupplied', 'sampleId', '$_allowShardKeyUpdatesWithoutFullShardKeyInQuery') },
      ['q', 'u']
    )
  },
  delete: {
    field: 'deletes',
    spec: spec(['q', 'limit', 'hint'], { collation: 'collation', ...internal('sampleId') }, ['q', 'limit'])
  }
}
