// find, getMore, killCursors, count and distinct.
import { Long } from 'bson'
import { cloneValue, compareValues, keyOf, MISSING, numType, type Doc } from '../bson-values.js'
import type { Collection } from '../collection.js'
import type { CursorSource } from '../cursors.js'
import { fail, notImplemented } from '../errors.js'
import { compileFilter } from '../matcher.js'
import { collectValues, splitPath } from '../paths.js'
import { parseHint } from '../hint.js'
import { parseSort, runQuery, type QueryResult } from '../planner.js'
import { compileProjection, type Projector } from '../projection.js'
import { collectionArg, flag, optionalDoc, optionalInt } from './args.js'
import type { CommandContext } from './context.js'

const DEFAULT_BATCH = 101
const UNSUPPORTED_FIND_OPTIONS: Record<string, string> = {
  tailable: 'tailable cursors',
  awaitData: 'tailable cursors',
  oplogReplay: 'oplogReplay',
  returnKey: 'returnKey',
  showRecordId: 'showRecordId',
  min: 'min/max index bounds',
  max: 'min/max index bounds'
}

function recordSource (ctx: CommandContext, coll: Collection, ns: string, rids: number[], projector: Projector | undefined, filter: Doc): CursorSource {
  let i = 0
  return {
    ns,
    next () {
      if (i < rids.length && ctx.server.storage.collection(coll.db, coll.name) !== coll) {
        fail('QueryPlanKilled', `collection dropped during query: ${ns}`)
      }
      while (i < rids.length) {
        const doc = coll.docs.get(rids[i++])
        if (doc === undefined) continue
        // No copy: stored documents are never changed in place (an update stores a new document, as
        // aggregate's input relies on too), and a batch is only measured and serialized. The copy was 2%
        // of a chat turn's CPU in the embedded server, plus the garbage it left.
        return projector === undefined ? doc : projector(doc, filter)
      }
      return undefined
    }
  }
}

export function arraySource (ns: string, docs: Doc[]): CursorSource {
  let i = 0
  return { ns, next: () => (i < docs.length ? docs[i++] : undefined) }
}

export interface PlannedFind {
  coll: Collection | undefined
  filter: Doc
  result: QueryResult | undefined
  projector: Projector | undefined
  batchSize: number | undefined
  singleBatch: boolean
  noCursorTimeout: boolean
}

export function planFind (ctx: CommandContext): PlannedFind {
  const name = collectionArg(ctx)
  for (const [opt, feature] of Object.entries(UNSUPPORTED_FIND_OPTIONS)) {
    if (ctx.body[opt] !== undefined && ctx.body[opt] !== false) notImplemented(feature)
  }
  const filter = optionalDoc(ctx, 'filter') ?? {}
  const predicate = compileFilter(filter)
  const sort = parseSort(optionalDoc(ctx, 'sort'))
  const projector = compileProjection(optionalDoc(ctx, 'projection'))
  const skip = optionalInt(ctx, 'skip') ?? 0
  if (skip < 0) fail('BadValue', `Skip value must be non-negative, but received: ${skip}`)
  let limit = optionalInt(ctx, 'limit')
  let singleBatch = flag(ctx.body.singleBatch)
  if (limit !== undefined && limit < 0) {
    if (ctx.body.singleBatch !== undefined) fail('BadValue', `LimitValue must be non-negative, but received: ${limit}`)
    limit = -limit
    singleBatch = true
  }
  const batchSize = optionalInt(ctx, 'batchSize')
  if (batchSize !== undefined && batchSize < 0) fail('BadValue', `BatchSize value must be non-negative, but received: ${batchSize}`)
  const hint = parseHint(ctx.body.hint)
  const coll = ctx.server.storage.collection(ctx.db, name)
  const result = coll === undefined
    ? undefined
    : runQuery(coll, { filter, predicate, sort, skip, limit: limit === 0 ? undefined : limit, hint })
  return { coll, filter, result, projector, batchSize, singleBatch, noCursorTimeout: flag(ctx.body.noCursorTimeout) }
}

export function findCommand (ctx: CommandContext): Doc {
  const p = planFind(ctx)
  const ns = `${ctx.db}.${String(ctx.body.find)}`
  if (p.coll === undefined || p.result === undefined) return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 }
  const source = recordSource(ctx, p.coll, ns, p.result.rids, p.projector, p.filter)
  const { id, docs } = ctx.server.cursors.open(source, p.batchSize ?? DEFAULT_BATCH, p.singleBatch, p.noCursorTimeout)
  return { cursor: { firstBatch: docs, id, ns }, ok: 1 }
}

export function getMoreCommand (ctx: CommandContext): Doc {
  const raw = ctx.body.getMore
  if (numType(raw) !== 'long') fail('TypeMismatch', "BSON field 'getMore.getMore' is the wrong type, expected type 'long'")
  const collection = ctx.body.collection
  if (typeof collection !== 'string') fail('TypeMismatch', "BSON field 'getMore.collection' is missing but a required field")
  const ns = `${ctx.db}.${collection}`
  const batchSize = optionalInt(ctx, 'batchSize')
  const { id, docs } = ctx.server.cursors.more((raw as Long).toBigInt(), ns, batchSize === 0 ? undefined : batchSize)
  return { cursor: { nextBatch: docs, id, ns }, ok: 1 }
}

export function killCursorsCommand (ctx: CommandContext): Doc {
  collectionArg(ctx)
  const ids = ctx.body.cursors
  if (!Array.isArray(ids)) fail('FailedToParse', "BSON field 'killCursors.cursors' is missing but a required field")
  const killed: Long[] = []
  const notFound: Long[] = []
  for (const raw of ids) {
    if (numType(raw) !== 'long') fail('TypeMismatch', "BSON field 'killCursors.cursors' must be an array of longs")
    const id = raw as Long
    if (ctx.server.cursors.kill(id.toBigInt())) killed.push(id)
    else notFound.push(id)
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 }
}

export function countCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const filter = optionalDoc(ctx, 'query') ?? {}
  const predicate = compileFilter(filter)
  const skip = optionalInt(ctx, 'skip') ?? 0
  const limit = optionalInt(ctx, 'limit')
  if (skip < 0) fail('BadValue', `Skip value must be non-negative, but received: ${skip}`)
  const hint = parseHint(ctx.body.hint)
  const coll = ctx.server.storage.collection(ctx.db, name)
  if (coll === undefined) return { n: 0, ok: 1 }
  if (Object.keys(filter).length === 0 && hint === undefined) {
    const total = Math.max(0, coll.size - skip)
    return { n: limit === undefined || limit === 0 ? total : Math.min(total, Math.abs(limit)), ok: 1 }
  }
  const { rids } = runQuery(coll, { filter, predicate, skip, limit: limit === undefined || limit === 0 ? undefined : Math.abs(limit), hint })
  return { n: rids.length, ok: 1 }
}

export function distinctCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const key = ctx.body.key
  if (typeof key !== 'string') fail('TypeMismatch', "BSON field 'distinct.key' is missing but a required field")
  if (key === '') fail('BadValue', 'FieldPath cannot be constructed with empty string')
  const filter = optionalDoc(ctx, 'query') ?? {}
  const predicate = compileFilter(filter)
  const coll = ctx.server.storage.collection(ctx.db, name)
  if (coll === undefined) return { values: [], ok: 1 }
  const { rids } = runQuery(coll, { filter, predicate })
  const parts = splitPath(key)
  const seen = new Map<string, unknown>()
  for (const rid of rids) {
    for (const v of collectValues(coll.docs.get(rid), parts)) {
      if (v === MISSING) continue
      const items = Array.isArray(v) ? v : [v]
      for (const item of items) {
        const k = keyOf(item)
        if (!seen.has(k)) seen.set(k, item)
      }
    }
  }
  const values = [...seen.values()].sort(compareValues).map((v) => cloneValue(v))
  return { values, ok: 1 }
}
