// aggregate: a leading run of $match/$sort/$skip/$limit is answered by the planner (so it uses indexes
// and keeps exact BSON types); the remaining stages run in mingo.
import { isDocument, type Doc } from '../bson-values.js'
import { fail, notImplemented } from '../errors.js'
import { compileFilter } from '../matcher.js'
import { runAggregation, validateStages } from '../aggregation.js'
import { parseHint } from '../hint.js'
import { assertSupportedExpression } from '../mingo-bridge.js'
import { checkCollectionName } from '../namespaces.js'
import { parseSort, runQuery, type SortField } from '../planner.js'
import { flag } from './args.js'
import type { CommandContext } from './context.js'
import { arraySource } from './find.js'

interface Prefix { filter: Doc, sort: SortField[] | undefined, skip: number, limit: number | undefined, rest: Doc[] }

function nonNegative (v: unknown, stage: string): number {
  const n = typeof v === 'number' ? v : Number((v as { valueOf: () => unknown })?.valueOf?.())
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) fail('BadValue', `invalid argument to ${stage} stage: ${String(v)}`)
  return n
}

function splitPrefix (pipeline: Doc[]): Prefix {
  const matches: Doc[] = []
  let sort: SortField[] | undefined
  let skip = 0
  let limit: number | undefined
  let i = 0
  for (; i < pipeline.length; i++) {
    const [name] = Object.keys(pipeline[i])
    const arg = pipeline[i][name]
    if (name === '$match' && sort === undefined && skip === 0 && limit === undefined) {
      if (!isDocument(arg)) fail('BadValue', 'the match filter must be an expression in an object')
      matches.push(arg)
    } else if (name === '$sort' && sort === undefined && skip === 0 && limit === undefined) {
      if (!isDocument(arg) || Object.keys(arg).length === 0) fail('Location15976', '$sort stage must have at least one sort key')
      sort = parseSort(arg)
    } else if (name === '$skip' && limit === undefined) {
      skip += nonNegative(arg, '$skip')
    } else if (name === '$limit') {
      const n = nonNegative(arg, '$limit')
      if (n === 0) fail('BadValue', 'the limit must be positive')
      limit = limit === undefined ? n : Math.min(limit, n)
    } else {
      break
    }
  }
  const filter = matches.length === 0 ? {} : matches.length === 1 ? matches[0] : { $and: matches }
  return { filter, sort, skip, limit, rest: pipeline.slice(i) }
}

export function aggregateCommand (ctx: CommandContext): Doc {
  const target = ctx.body.aggregate
  const pipelineRaw = ctx.body.pipeline
  if (!Array.isArray(pipelineRaw)) fail('TypeMismatch', "BSON field 'aggregate.pipeline' is missing but a required field")
  const pipeline = pipelineRaw.map((s) => {
    if (!isDocument(s) || Object.keys(s).length !== 1) fail('Location40323', 'A pipeline stage specification object must contain exactly one field.')
    return s
  })
  validateStages(pipeline)
  assertSupportedExpression(pipeline)
  if (ctx.body.explain !== undefined && flag(ctx.body.explain)) notImplemented('aggregate explain')
  const cursorOpt = ctx.body.cursor
  if (!isDocument(cursorOpt)) fail('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument")
  const batchSize = cursorOpt.batchSize === undefined ? 101 : nonNegative(cursorOpt.batchSize, 'cursor.batchSize')
  const hint = parseHint(ctx.body.hint)

  let docs: Doc[]
  let ns: string
  if (typeof target !== 'string') {
    const first = Object.keys(pipeline[0] ?? {})[0]
    if (first !== '$documents') fail('InvalidNamespace', `{aggregate: 1} is not valid for '${first ?? 'empty pipeline'}'; a collection is required.`)
    ns = `${ctx.db}.$cmd.aggregate`
    docs = runAggregation([], pipeline, (name) => resolve(ctx, name))
  } else {
    const name = checkCollectionName(ctx.db, target)
    ns = `${ctx.db}.${name}`
    const coll = ctx.server.storage.collection(ctx.db, name)
    const prefix = splitPrefix(pipeline)
    let input: Doc[] = []
    if (coll !== undefined) {
      const { rids } = runQuery(coll, {
        filter: prefix.filter,
        predicate: compileFilter(prefix.filter),
        sort: prefix.sort,
        skip: prefix.skip,
        limit: prefix.limit,
        hint
      })
      input = rids.map((r) => coll.docs.get(r) as Doc)
    }
    docs = runAggregation(input, prefix.rest, (n) => resolve(ctx, n))
  }
  const { id, docs: firstBatch } = ctx.server.cursors.open(arraySource(ns, docs), batchSize, false)
  return { cursor: { firstBatch, id, ns }, ok: 1 }
}

function resolve (ctx: CommandContext, name: string): Doc[] {
  const coll = ctx.server.storage.collection(ctx.db, name)
  return coll === undefined ? [] : [...coll.docs.values()]
}
