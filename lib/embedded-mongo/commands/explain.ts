// explain for find, count and distinct-style reads: which plan ran and how much it examined, in the
// shape the driver's `explain()` returns (queryPlanner + executionStats).
import { isDocument, type Doc } from '../bson-values.js'
import { fail, notImplemented } from '../errors.js'
import type { CommandContext } from './context.js'
import { checkCommandFields } from './fields.js'
import { planFind } from './find.js'

export function explainCommand (ctx: CommandContext): Doc {
  const inner = ctx.body.explain
  if (!isDocument(inner)) fail('FailedToParse', 'explain command requires a nested object')
  const name = Object.keys(inner)[0]
  if (name !== 'find') notImplemented(`explain of '${name ?? ''}'`)
  checkCommandFields(name, inner)
  const sub: CommandContext = { ...ctx, name, body: inner }
  const planned = planFind(sub)
  const ns = `${ctx.db}.${String(inner.find)}`
  const plan = planned.result?.plan ?? { stage: 'EOF', sortProvided: false }
  const stats = planned.result?.stats ?? { keysExamined: 0, docsExamined: 0 }
  const leaf: Doc = plan.stage === 'IXSCAN'
    ? { stage: 'IXSCAN', indexName: plan.indexName, direction: plan.direction }
    : { stage: plan.stage }
  const winningPlan: Doc = plan.stage === 'IXSCAN' ? { stage: 'FETCH', inputStage: leaf } : leaf
  return {
    queryPlanner: { namespace: ns, parsedQuery: planned.filter, winningPlan, rejectedPlans: [] },
    executionStats: {
      executionSuccess: true,
      nReturned: planned.result?.rids.length ?? 0,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: winningPlan
    },
    serverInfo: { host: 'embedded', version: '7.0.0' },
    ok: 1
  }
}
