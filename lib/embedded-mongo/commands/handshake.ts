// Handshake, diagnostics and session commands. No topologyVersion in hello: without it the driver keeps
// polling monitors instead of streaming ones, which a standalone test server does not need.
import { Binary, UUID } from 'bson'
import type { Doc } from '../bson-values.js'
import { fail, MongoServerError } from '../errors.js'
import { MAX_MESSAGE_BYTES } from '../wire.js'
import type { CommandContext } from './context.js'
import { MAX_BSON_OBJECT_SIZE } from './write-support.js'

export const SERVER_VERSION = '7.0.0'
export const MAX_WIRE_VERSION = 21

function helloReply (ctx: CommandContext, legacy: boolean): Doc {
  const reply: Doc = {}
  reply.helloOk = true
  if (legacy) reply.ismaster = true
  else reply.isWritablePrimary = true
  Object.assign(reply, {
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.conn.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false
  })
  const mechs = ctx.body.saslSupportedMechs
  const creds = ctx.server.credentials
  if (typeof mechs === 'string' && creds !== undefined) {
    const user = mechs.startsWith('admin.') ? mechs.slice('admin.'.length) : undefined
    if (user !== undefined && creds.has(user)) reply.saslSupportedMechs = ['SCRAM-SHA-256']
  }
  reply.ok = 1
  return reply
}

export const helloCommand = (ctx: CommandContext): Doc => helloReply(ctx, false)
export const isMasterCommand = (ctx: CommandContext): Doc => helloReply(ctx, true)

export function pingCommand (): Doc {
  return { ok: 1 }
}

export function buildInfoCommand (): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'acai-embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    javascriptEngine: 'none',
    storageEngines: ['embedded'],
    modules: [],
    allocator: 'system',
    openssl: { running: 'disabled' },
    ok: 1
  }
}

const PARAMETERS: Doc = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: ['SCRAM-SHA-256'],
  maxBSONDepth: 200,
  internalQueryMaxBlockingSortMemoryUsageBytes: 104857600,
  logicalSessionRefreshMillis: 300000,
  localLogicalSessionTimeoutMinutes: 30
}

export function getParameterCommand (ctx: CommandContext): Doc {
  if (ctx.db !== 'admin') fail('Unauthorized', 'getParameter may only be run against the admin database.')
  const all = ctx.body.getParameter === '*' || (typeof ctx.body.getParameter === 'object' && ctx.body.getParameter !== null && (ctx.body.getParameter as Doc).allParameters === true)
  const reply: Doc = {}
  for (const [k, v] of Object.entries(PARAMETERS)) {
    if (all || k in ctx.body) reply[k] = v
  }
  if (Object.keys(reply).length === 0) fail('InvalidOptions', 'no option found to get')
  reply.ok = 1
  return reply
}

export function okCommand (): Doc {
  return { ok: 1 }
}

export function startSessionCommand (): Doc {
  return { id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }
}

export function connectionStatusCommand (ctx: CommandContext): Doc {
  const user = ctx.conn.user
  return {
    authInfo: {
      authenticatedUsers: user === undefined ? [] : [{ user, db: 'admin' }],
      authenticatedUserRoles: user === undefined ? [] : [{ role: 'root', db: 'admin' }]
    },
    ok: 1
  }
}

export function whatsMyUriCommand (ctx: CommandContext): Doc {
  return { you: ctx.conn.remote, ok: 1 }
}

export function serverStatusCommand (ctx: CommandContext): Doc {
  const uptimeMillis = Date.now() - ctx.server.startedAt
  return {
    host: 'embedded',
    version: SERVER_VERSION,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    localTime: new Date(),
    connections: { current: ctx.server.connectionCount(), available: 100000 },
    metrics: { cursor: { open: { total: ctx.server.cursors.size } } },
    ok: 1
  }
}

export function hostInfoCommand (): Doc {
  return { system: { currentTime: new Date(), hostname: 'embedded', numCores: 1 }, os: { type: process.platform }, extra: {}, ok: 1 }
}

export function saslStartCommand (ctx: CommandContext): Doc {
  return { ...scramStep(ctx, true), ok: 1 }
}

export function saslContinueCommand (ctx: CommandContext): Doc {
  return { ...scramStep(ctx, false), ok: 1 }
}

function payloadOf (ctx: CommandContext): Buffer {
  const p = ctx.body.payload
  if (p instanceof Binary) return Buffer.from(p.buffer.subarray(0, p.position))
  if (typeof p === 'string') return Buffer.from(p, 'utf8')
  return fail('BadValue', 'SASL payload must be binary')
}

function authFailed (): never {
  return fail('AuthenticationFailed', 'Authentication failed.')
}

// Scram errors of any kind become the single opaque AuthenticationFailed MongoDB answers with.
function scramStep (ctx: CommandContext, start: boolean): Doc {
  const { credentials, scramFactory } = ctx.server
  if (credentials === undefined || scramFactory === undefined) return authFailed()
  try {
    if (start) {
      if (ctx.body.mechanism !== 'SCRAM-SHA-256') {
        fail('MechanismUnavailable', `Received authentication for mechanism ${String(ctx.body.mechanism)} which is unknown or not enabled`)
      }
      if (ctx.db !== 'admin') authFailed()
      const conversation = scramFactory()
      ctx.conn.scram = conversation
      const payload = conversation.start(payloadOf(ctx))
      return { conversationId: 1, done: false, payload: new Binary(payload) }
    }
    const conversation = ctx.conn.scram
    if (conversation === undefined) return fail('ProtocolError', 'No SASL session state found')
    const result = conversation.continue(payloadOf(ctx))
    ctx.conn.scram = undefined
    ctx.conn.user = result.username
    return { conversationId: 1, done: true, payload: new Binary(result.payload) }
  } catch (err) {
    if (err instanceof MongoServerError && err.codeName !== 'AuthenticationFailed') throw err
    ctx.conn.scram = undefined
    return authFailed()
  }
}
