// The command table and the checks every command goes through: authentication, features this server
// refuses explicitly (transactions), and turning any thrown error into a MongoDB error reply.
import type { Doc } from '../bson-values.js'
import { fail, notImplemented, toServerError } from '../errors.js'
import { checkDbName } from '../namespaces.js'
import { aggregateCommand } from './aggregate.js'
import {
  collStatsCommand, createCommand, dbStatsCommand, dropCommand, dropDatabaseCommand, listCollectionsCommand,
  listDatabasesCommand, renameCollectionCommand
} from './collection-commands.js'
import type { CommandContext, CommandHandler } from './context.js'
import { deleteCommand, insertCommand, updateCommand } from './crud-write.js'
import { checkConcerns } from './concerns.js'
import { explainCommand } from './explain.js'
import { checkCommandFields } from './fields.js'
import { findAndModifyCommand } from './find-and-modify.js'
import { countCommand, distinctCommand, findCommand, getMoreCommand, killCursorsCommand } from './find.js'
import {
  buildInfoCommand, connectionStatusCommand, getParameterCommand, helloCommand, hostInfoCommand, isMasterCommand,
  okCommand, pingCommand, saslContinueCommand, saslStartCommand, serverStatusCommand, startSessionCommand,
  whatsMyUriCommand
} from './handshake.js'
import { createIndexesCommand, dropIndexesCommand, listIndexesCommand } from './index-commands.js'

const COMMANDS: Record<string, CommandHandler> = {
  hello: helloCommand,
  isMaster: isMasterCommand,
  ismaster: isMasterCommand,
  ping: pingCommand,
  buildInfo: buildInfoCommand,
  buildinfo: buildInfoCommand,
  getParameter: getParameterCommand,
  endSessions: okCommand,
  killSessions: okCommand,
  killAllSessions: okCommand,
  refreshSessions: okCommand,
  startSession: startSessionCommand,
  connectionStatus: connectionStatusCommand,
  whatsmyuri: whatsMyUriCommand,
  serverStatus: serverStatusCommand,
  hostInfo: hostInfoCommand,
  logout: okCommand,
  saslStart: saslStartCommand,
  saslContinue: saslContinueCommand,
  insert: insertCommand,
  update: updateCommand,
  delete: deleteCommand,
  find: findCommand,
  getMore: getMoreCommand,
  killCursors: killCursorsCommand,
  findAndModify: findAndModifyCommand,
  findandmodify: findAndModifyCommand,
  count: countCommand,
  distinct: distinctCommand,
  aggregate: aggregateCommand,
  explain: explainCommand,
  createIndexes: createIndexesCommand,
  listIndexes: listIndexesCommand,
  dropIndexes: dropIndexesCommand,
  deleteIndexes: dropIndexesCommand,
  create: createCommand,
  drop: dropCommand,
  renameCollection: renameCollectionCommand,
  listCollections: listCollectionsCommand,
  dropDatabase: dropDatabaseCommand,
  listDatabases: listDatabasesCommand,
  dbStats: dbStatsCommand,
  collStats: collStatsCommand
}

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction'])
// Real MongoDB commands this server deliberately lacks: an explicit NotImplemented, not "no such command".
const UNSUPPORTED_COMMANDS = new Set([
  'collMod', 'mapReduce', 'mapreduce', 'geoNear', 'geoSearch', 'validate', 'compact', 'reIndex', 'convertToCapped',
  'cloneCollectionAsCapped', 'createUser', 'updateUser', 'dropUser', 'dropAllUsersFromDatabase', 'usersInfo',
  'grantRolesToUser', 'revokeRolesFromUser', 'createRole', 'updateRole', 'dropRole', 'rolesInfo', 'shutdown',
  'fsync', 'fsyncUnlock', 'currentOp', 'killOp', 'profile', 'setParameter', 'getLog', 'getCmdLineOpts',
  'setFeatureCompatibilityVersion', 'bulkWrite', 'createSearchIndexes', 'listSearchIndexes', 'dropSearchIndex',
  'updateSearchIndex', 'analyze', 'setDefaultRWConcern', 'getDefaultRWConcern', 'dataSize', 'filemd5',
  'top', 'lockInfo', 'logRotate', 'eval', 'applyOps'
])
const REPLICATION_COMMANDS = new Set(['replSetGetStatus', 'replSetGetConfig', 'replSetInitiate', 'replSetReconfig', 'replSetStepDown'])
const NO_AUTH_NEEDED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'saslStart', 'saslContinue', 'endSessions', 'logout'])

// Not IllegalOperation (20) as a real standalone answers: the driver rewrites that one into a
// code-less "retryable writes" error, hiding why the command failed.
function transactionsRefused (): never {
  return notImplemented('transactions')
}

export function commandName (body: Doc): string | undefined {
  return Object.keys(body)[0]
}

// Runs one command synchronously; never throws.
export function runCommand (ctx: CommandContext): Doc {
  try {
    const handler = COMMANDS[ctx.name]
    if (ctx.server.credentials !== undefined && ctx.conn.user === undefined && !NO_AUTH_NEEDED.has(ctx.name)) {
      fail('Unauthorized', `command ${ctx.name} requires authentication`)
    }
    if (handler === undefined) {
      if (TRANSACTION_COMMANDS.has(ctx.name)) transactionsRefused()
      if (UNSUPPORTED_COMMANDS.has(ctx.name)) notImplemented(`the '${ctx.name}' command`)
      if (REPLICATION_COMMANDS.has(ctx.name)) fail('NoReplicationEnabled', 'not running with --replSet')
      fail('CommandNotFound', `no such command: '${ctx.name}'`)
    }
    if (ctx.body.txnNumber !== undefined || ctx.body.startTransaction !== undefined || ctx.body.autocommit !== undefined) {
      transactionsRefused()
    }
    checkDbName(ctx.db)
    checkCommandFields(ctx.name, ctx.body)
    checkConcerns(ctx.body)
    return handler(ctx)
  } catch (err) {
    return toServerError(err).toReply()
  }
}
