// The one place mingo is called. mingo evaluates aggregation stages and expressions over plain
// JavaScript values, so it always works on a `toMingo` copy; stored documents never reach it.
import { Aggregator, Query } from 'mingo'
import type { Options } from 'mingo/types'
import { restoreTypes, toMingo, type Doc } from './bson-values.js'
import { fail, notImplemented } from './errors.js'

const SCRIPT_OPERATORS = new Set(['$function', '$accumulator', '$where'])
const UNSUPPORTED_STAGES: Record<string, string> = {
  $out: 'the $out aggregation stage',
  $merge: 'the $merge aggregation stage',
  $search: 'the $search aggregation stage',
  $searchMeta: 'the $searchMeta aggregation stage',
  $vectorSearch: 'the $vectorSearch aggregation stage',
  $currentOp: 'the $currentOp aggregation stage',
  $listSessions: 'the $listSessions aggregation stage',
  $listLocalSessions: 'the $listLocalSessions aggregation stage',
  $indexStats: 'the $indexStats aggregation stage',
  $collStats: 'the $collStats aggregation stage',
  $planCacheStats: 'the $planCacheStats aggregation stage',
  $geoNear: 'the $geoNear aggregation stage',
  $text: 'the $text query operator',
  $meta: 'the $meta expression'
}

export type CollectionResolver = (name: string) => Doc[]

function mingoOptions (resolver?: CollectionResolver): Partial<Options> {
  return {
    useStrictMode: true,
    scriptEnabled: false,
    collectionResolver: resolver === undefined ? undefined : (name: string) => resolver(name).map((d) => toMingo(d) as Doc)
  }
}

// Rejects what this server will not evaluate, anywhere in an expression tree, before mingo sees it.
export function assertSupportedExpression (value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) assertSupportedExpression(v)
    return
  }
  if (typeof value !== 'object' || value === null || (value as { _bsontype?: string })._bsontype !== undefined) return
  if (value instanceof Date || value instanceof RegExp) return
  for (const [k, v] of Object.entries(value)) {
    if (k === '$changeStream') {
      fail('Location40573', 'The $changeStream stage is only supported on replica sets')
    }
    if (SCRIPT_OPERATORS.has(k)) notImplemented(`server-side JavaScript (${k})`)
    const feature = UNSUPPORTED_STAGES[k]
    if (feature !== undefined) notImplemented(feature)
    assertSupportedExpression(v)
  }
}

export function exprPredicate (expr: unknown): (doc: Doc) => boolean {
  assertSupportedExpression(expr)
  const query = wrap(() => new Query({ $expr: expr }, mingoOptions()))
  return (doc) => wrap(() => query.test(toMingo(doc) as Doc))
}

export function runPipeline (docs: Iterable<Doc>, pipeline: Doc[], resolver?: CollectionResolver): Doc[] {
  assertSupportedExpression(pipeline)
  const input: Doc[] = []
  for (const d of docs) input.push(toMingo(d) as Doc)
  return wrap(() => new Aggregator(pipeline, mingoOptions(resolver)).run(input))
}

export function projectWithExpressions (doc: Doc, projection: Doc): Doc {
  const [out] = runPipeline([doc], [{ $project: projection }])
  return restoreTypes(doc, out ?? {}) as Doc
}

function wrap<T> (fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof Error && err.constructor.name === 'MingoError') {
      const stage = /unregistered pipeline operator (\$\w+)/.exec(err.message)
      if (stage !== null) fail('Location40324', `Unrecognized pipeline stage name: '${stage[1]}'`)
      const expr = /accumulator '(\$\w+)' is not registered/.exec(err.message)
      if (expr !== null) fail('InvalidPipelineOperator', `Unrecognized expression '${expr[1]}'`)
      fail('BadValue', err.message)
    }
    throw err
  }
}
