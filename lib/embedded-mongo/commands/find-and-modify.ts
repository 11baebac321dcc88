// findAndModify: one document found (by sort), then removed, updated or upserted, in one step.
import type { Doc } from '../bson-values.js'
import { fail } from '../errors.js'
import { parseHint } from '../hint.js'
import { compileFilter } from '../matcher.js'
import { parseSort, runQuery } from '../planner.js'
import { compileProjection } from '../projection.js'
import { collectionArg, flag, optionalDoc } from './args.js'
import type { CommandContext } from './context.js'
import { computeUpdated, computeUpsert, parseUpdateSpec } from './write-support.js'

export function findAndModifyCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const filter = optionalDoc(ctx, 'query') ?? {}
  const predicate = compileFilter(filter)
  const sort = parseSort(optionalDoc(ctx, 'sort'))
  const projector = compileProjection(optionalDoc(ctx, 'fields'))
  const remove = flag(ctx.body.remove)
  const returnNew = flag(ctx.body.new)
  const upsert = flag(ctx.body.upsert)
  const hasUpdate = ctx.body.update !== undefined
  if (remove && hasUpdate) fail('FailedToParse', 'Cannot specify both an update and remove=true')
  if (!remove && !hasUpdate) fail('FailedToParse', 'Either an update or remove=true must be specified')
  if (remove && returnNew) fail('FailedToParse', "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document")
  if (remove && upsert) fail('FailedToParse', 'Cannot specify both upsert=true and remove=true ')
  const hint = parseHint(ctx.body.hint)
  const spec = hasUpdate ? parseUpdateSpec(ctx.body.update, ctx.body.arrayFilters, false) : undefined
  const storage = ctx.server.storage
  const coll = storage.collection(ctx.db, name)
  const rid = coll === undefined ? undefined : runQuery(coll, { filter, predicate, sort, limit: 1, hint }).rids[0]
  const out = (doc: Doc | undefined): Doc | null => {
    if (doc === undefined) return null
    // Serialized into the reply as it is: stored documents are never changed in place (see find.ts).
    return projector === undefined ? doc : projector(doc, filter)
  }

  if (remove) {
    if (coll === undefined || rid === undefined) return { lastErrorObject: { n: 0 }, value: null, ok: 1 }
    const before = coll.docs.get(rid) as Doc
    storage.remove(coll, rid, ctx.log)
    return { lastErrorObject: { n: 1 }, value: out(before), ok: 1 }
  }
  const update = spec as NonNullable<typeof spec>
  const now = new Date()
  if (coll === undefined || rid === undefined) {
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 }
    const doc = computeUpsert(filter, update, now)
    const target = storage.ensureCollection(ctx.db, name, ctx.log).coll
    storage.insert(target, doc, ctx.log)
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: returnNew ? out(doc) : null, ok: 1 }
  }
  const before = coll.docs.get(rid) as Doc
  const after = computeUpdated(before, update, filter, now)
  storage.replace(coll, rid, after, ctx.log)
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: out(returnNew ? after : before), ok: 1 }
}
