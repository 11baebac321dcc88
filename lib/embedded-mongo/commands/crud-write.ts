// insert, update and delete: per-statement results with writeErrors, ordered or not.
import { isDocument, type Doc } from '../bson-values.js'
import { identical } from '../bson-values.js'
import { MongoServerError, fail, toServerError } from '../errors.js'
import { parseHint } from '../hint.js'
import { compileFilter } from '../matcher.js'
import { runQuery } from '../planner.js'
import { collectionArg, docArray, flag, optionalInt } from './args.js'
import type { CommandContext } from './context.js'
import { computeUpdated, computeUpsert, parseUpdateSpec, prepareInsert } from './write-support.js'

function ordered (ctx: CommandContext): boolean {
  return ctx.body.ordered === undefined ? true : flag(ctx.body.ordered)
}

function withErrors (reply: Doc, writeErrors: Doc[]): Doc {
  if (writeErrors.length > 0) reply.writeErrors = writeErrors
  reply.ok = 1
  return reply
}

function writeError (err: unknown, index: number): Doc {
  return toServerError(err).toWriteError(index)
}

// Runs each statement of a batch write. A MongoDB error becomes a writeError with the statement's index and
// stops an ordered batch; anything else is a bug and propagates.
function eachStatement<T> (items: T[], isOrdered: boolean, run: (item: T, index: number) => void): Doc[] {
  const writeErrors: Doc[] = []
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i], i)
    } catch (err) {
      if (!(err instanceof MongoServerError)) throw err
      writeErrors.push(writeError(err, i))
      if (isOrdered) break
    }
  }
  return writeErrors
}

export function insertCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const docs = docArray(ctx, 'documents')
  const isOrdered = ordered(ctx)
  const { coll } = ctx.server.storage.ensureCollection(ctx.db, name, ctx.log)
  let n = 0
  const writeErrors = eachStatement(docs, isOrdered, (doc) => {
    ctx.server.storage.insert(coll, prepareInsert(doc), ctx.log)
    n++
  })
  return withErrors({ n }, writeErrors)
}

export function updateCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const statements = docArray(ctx, 'updates')
  // Hints are parsed with the command, so a malformed one fails it before any statement runs.
  const hints = statements.map((st) => parseHint(st.hint))
  const isOrdered = ordered(ctx)
  const storage = ctx.server.storage
  const upserted: Doc[] = []
  let nMatched = 0
  let nModified = 0
  const now = new Date()
  const writeErrors = eachStatement(statements, isOrdered, (st, i) => {
    const filter = st.q
    if (!isDocument(filter)) fail('TypeMismatch', "BSON field 'update.updates.q' is the wrong type, expected type 'object'")
    const multi = flag(st.multi)
    const spec = parseUpdateSpec(st.u, st.arrayFilters, multi)
    const predicate = compileFilter(filter)
    const coll = storage.collection(ctx.db, name)
    const rids = coll === undefined ? [] : runQuery(coll, { filter, predicate, limit: multi ? undefined : 1, hint: hints[i] }).rids
    if (rids.length === 0 && flag(st.upsert)) {
      const doc = computeUpsert(filter, spec, now)
      const target = storage.ensureCollection(ctx.db, name, ctx.log).coll
      storage.insert(target, doc, ctx.log)
      upserted.push({ index: i, _id: doc._id })
      return
    }
    for (const rid of rids) {
      const before = (coll?.docs.get(rid)) as Doc
      const after = computeUpdated(before, spec, filter, now)
      nMatched++
      if (identical(before, after)) continue
      if (coll !== undefined) storage.replace(coll, rid, after, ctx.log)
      nModified++
    }
  })
  const reply: Doc = { n: nMatched + upserted.length, nModified }
  if (upserted.length > 0) reply.upserted = upserted
  return withErrors(reply, writeErrors)
}

export function deleteCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const statements = docArray(ctx, 'deletes')
  const hints = statements.map((st) => parseHint(st.hint))
  const isOrdered = ordered(ctx)
  const storage = ctx.server.storage
  let n = 0
  const writeErrors = eachStatement(statements, isOrdered, (st, i) => {
    const filter = st.q
    if (!isDocument(filter)) fail('TypeMismatch', "BSON field 'delete.deletes.q' is the wrong type, expected type 'object'")
    const limit = optionalInt({ ...ctx, body: st, name: 'delete.deletes' }, 'limit')
    if (limit !== 0 && limit !== 1) fail('FailedToParse', `The limit field in delete objects must be 0 or 1. Got ${String(limit)}`)
    const predicate = compileFilter(filter)
    const coll = storage.collection(ctx.db, name)
    if (coll === undefined) return
    const { rids } = runQuery(coll, { filter, predicate, limit: limit === 1 ? 1 : undefined, hint: hints[i] })
    for (const rid of rids) {
      storage.remove(coll, rid, ctx.log)
      n++
    }
  })
  return withErrors({ n }, writeErrors)
}
