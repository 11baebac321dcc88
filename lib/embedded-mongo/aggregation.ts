// Aggregation pipelines, stage by stage. The stages whose result types matter most ($match, $sort,
// $skip, $limit, $count, $unwind, $group with the common accumulators, and $set/$addFields) run here
// with MongoDB's numeric typing ($sum of int32 is int32, of int64 is int64, $avg is a double, $count is
// int32, includeArrayIndex is int64, copied fields keep their type). Every other stage runs in mingo on
// a plain-number copy; for stages that map one document to one document, numbers they leave untouched
// get their BSON type back.
import { Long } from 'bson'
import {
  arith, cloneDoc, compareValues, isDocument, keyOf, makeNumber, MISSING, numType, restoreTypes, toDecValue,
  toNumber, type Doc
} from './bson-values.js'
import { decAdd, toDecimal128, type DecValue } from './decimal.js'
import { fail, notImplemented } from './errors.js'
import { compileFilter } from './matcher.js'
import { runPipeline, type CollectionResolver } from './mingo-bridge.js'
import { getPath, setPathLoose, splitPath } from './paths.js'
import { parseSort, sortDocs } from './planner.js'

const KNOWN_STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$changeStream', '$collStats', '$count', '$currentOp', '$densify',
  '$documents', '$facet', '$fill', '$geoNear', '$graphLookup', '$group', '$indexStats', '$limit',
  '$listLocalSessions', '$listSessions', '$lookup', '$match', '$merge', '$out', '$planCacheStats', '$project',
  '$redact', '$replaceRoot', '$replaceWith', '$sample', '$search', '$searchMeta', '$set', '$setWindowFields',
  '$skip', '$sort', '$sortByCount', '$unionWith', '$unset', '$unwind', '$vectorSearch', '$listSearchIndexes',
  '$shardedDataDistribution', '$changeStreamSplitLargeEvent'
])
const ONE_TO_ONE = new Set(['$project', '$set', '$addFields', '$unset', '$lookup', '$graphLookup'])
const UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith'])

export function validateStages (pipeline: Doc[]): void {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0]
    if (!KNOWN_STAGES.has(name)) fail('Location40324', `Unrecognized pipeline stage name: '${name}'`)
  }
}

type Evaluator = (doc: Doc, index: number) => unknown

// Field paths through arrays yield arrays, as in aggregation expressions.
function fieldPath (doc: unknown, parts: string[]): unknown {
  let cur: unknown = doc
  for (let i = 0; i < parts.length; i++) {
    if (Array.isArray(cur)) {
      const rest = parts.slice(i)
      return cur.filter(isDocument).map((e) => fieldPath(e, rest)).filter((v) => v !== MISSING)
    }
    if (!isDocument(cur) || !Object.prototype.hasOwnProperty.call(cur, parts[i])) return MISSING
    cur = cur[parts[i]]
  }
  return cur
}

function isOperatorExpression (expr: unknown): boolean {
  return isDocument(expr) && Object.keys(expr).length > 0 && Object.keys(expr)[0].startsWith('$')
}

// Builds an evaluator; field paths and constants are read with their exact BSON types, operator
// expressions are computed by mingo for all documents at once.
function compileExpression (expr: unknown, docs: Doc[]): Evaluator {
  if (typeof expr === 'string' && expr.startsWith('$')) {
    if (expr.startsWith('$$')) return batchEvaluator(expr, docs)
    const parts = splitPath(expr.slice(1))
    return (doc) => fieldPath(doc, parts)
  }
  if (isDocument(expr) && !isOperatorExpression(expr)) {
    const fields = Object.keys(expr).map((k) => [k, compileExpression(expr[k], docs)] as const)
    return (doc, i) => {
      const out: Doc = {}
      for (const [k, ev] of fields) {
        const v = ev(doc, i)
        if (v !== MISSING) out[k] = v
      }
      return out
    }
  }
  if (isOperatorExpression(expr)) return typedArithmetic(expr as Doc, docs) ?? batchEvaluator(expr, docs)
  if (Array.isArray(expr)) return batchEvaluator(expr, docs)
  return () => expr
}

// $add, $subtract and $multiply keep MongoDB's numeric result types (int32 + int32 is int32, anything
// with int64 is int64, ...); Date arithmetic and other operand types are left to mingo.
function typedArithmetic (expr: Doc, docs: Doc[]): Evaluator | undefined {
  const op = Object.keys(expr)[0]
  if (op !== '$add' && op !== '$subtract' && op !== '$multiply') return undefined
  const args = expr[op]
  if (!Array.isArray(args) || args.length === 0 || (op === '$subtract' && args.length !== 2)) return undefined
  const evals = args.map((a) => compileExpression(a, docs))
  let fallback: Evaluator | undefined
  return (doc, i) => {
    const values = evals.map((ev) => ev(doc, i))
    if (values.some((v) => v === MISSING || v === null)) return null
    if (!values.every((v) => numType(v) !== undefined)) {
      fallback ??= batchEvaluator(expr, docs)
      return fallback(doc, i)
    }
    if (op === '$subtract') return arith(values[0], arith(values[1], -1, '*'), '+')
    return values.reduce((acc, v) => arith(acc, v, op === '$add' ? '+' : '*'))
  }
}

function batchEvaluator (expr: unknown, docs: Doc[]): Evaluator {
  const computed = runPipeline(docs, [{ $project: { _id: 0, v: expr } }])
  return (_doc, i) => (computed[i] !== undefined && 'v' in computed[i] ? computed[i].v : MISSING)
}

interface Accumulator { add (v: unknown): void, result (): unknown }

function sumAccumulator (): Accumulator {
  let total: unknown = 0
  return {
    add (v) {
      if (numType(v) !== undefined) total = arith(total, v, '+')
    },
    result: () => total
  }
}

function avgAccumulator (): Accumulator {
  let count = 0
  let decimal: DecValue | undefined
  let sum = 0
  return {
    add (v) {
      const t = numType(v)
      if (t === undefined) return
      count++
      if (t === 'decimal' || decimal !== undefined) decimal = decAdd(decimal ?? toDecValue(sum), toDecValue(v))
      else sum += toNumber(v)
    },
    result () {
      if (count === 0) return null
      if (decimal !== undefined) return makeNumber(Number(toDecimal128(decimal).toString()) / count, 'decimal')
      return makeNumber(sum / count, 'double')
    }
  }
}

function extremeAccumulator (dir: 1 | -1): Accumulator {
  let best: unknown = MISSING
  return {
    add (v) {
      if (v === MISSING || v === null) return
      if (best === MISSING || compareValues(v, best) * dir > 0) best = v
    },
    result: () => (best === MISSING ? null : best)
  }
}

function positionalAccumulator (last: boolean): Accumulator {
  let value: unknown = MISSING
  let seen = false
  return {
    add (v) {
      if (!seen || last) value = v
      seen = true
    },
    result: () => (value === MISSING ? null : value)
  }
}

function pushAccumulator (unique: boolean): Accumulator {
  const values: unknown[] = []
  const keys = new Set<string>()
  return {
    add (v) {
      if (v === MISSING) return
      if (unique) {
        const k = keyOf(v)
        if (keys.has(k)) return
        keys.add(k)
      }
      values.push(v)
    },
    result: () => values
  }
}

function countAccumulator (): Accumulator {
  let n = 0
  return { add () { n++ }, result: () => makeNumber(n, 'int') }
}

const ACCUMULATORS: Record<string, () => Accumulator> = {
  $sum: sumAccumulator,
  $avg: avgAccumulator,
  $min: () => extremeAccumulator(-1),
  $max: () => extremeAccumulator(1),
  $first: () => positionalAccumulator(false),
  $last: () => positionalAccumulator(true),
  $push: () => pushAccumulator(false),
  $addToSet: () => pushAccumulator(true),
  $count: countAccumulator
}

// undefined when an accumulator is one this file does not implement: mingo then runs the stage.
function nativeGroup (docs: Doc[], spec: Doc): Doc[] | undefined {
  if (!('_id' in spec)) fail('Location15955', 'a group specification must include an _id')
  const fields: { name: string, op: string, arg: unknown }[] = []
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue
    if (!isDocument(acc) || Object.keys(acc).length !== 1) fail('Location40234', `The field '${name}' must be an accumulator object`)
    const op = Object.keys(acc)[0]
    if (ACCUMULATORS[op] === undefined) return undefined
    fields.push({ name, op, arg: acc[op] })
  }
  const idEval = compileExpression(spec._id, docs)
  const argEvals = fields.map((f) => (f.op === '$count' ? () => 1 : compileExpression(f.arg, docs)))
  const groups = new Map<string, { id: unknown, accs: Accumulator[] }>()
  docs.forEach((doc, i) => {
    let id = idEval(doc, i)
    if (id === MISSING) id = null
    const k = keyOf(id)
    let g = groups.get(k)
    if (g === undefined) {
      g = { id, accs: fields.map((f) => ACCUMULATORS[f.op]()) }
      groups.set(k, g)
    }
    for (let j = 0; j < fields.length; j++) g.accs[j].add(argEvals[j](doc, i))
  })
  return [...groups.values()].map((g) => {
    const out: Doc = { _id: g.id }
    fields.forEach((f, j) => { out[f.name] = g.accs[j].result() })
    return out
  })
}

function unsetPath (doc: Doc, parts: string[]): void {
  const parent = parts.length === 1 ? doc : getPath(doc, parts.slice(0, -1))
  if (isDocument(parent)) delete parent[parts[parts.length - 1]]
}

function unwind (docs: Doc[], arg: unknown): Doc[] {
  const spec = typeof arg === 'string' ? { path: arg } : arg
  if (!isDocument(spec) || typeof spec.path !== 'string' || !spec.path.startsWith('$')) {
    fail('Location28812', "$unwind: path must be a string prefixed with '$'")
  }
  const parts = splitPath(spec.path.slice(1))
  const indexField = typeof spec.includeArrayIndex === 'string' ? splitPath(spec.includeArrayIndex) : undefined
  const preserve = spec.preserveNullAndEmptyArrays === true
  const out: Doc[] = []
  const emit = (doc: Doc, value: unknown, index: unknown): void => {
    const copy = cloneDoc(doc)
    if (value === MISSING) unsetPath(copy, parts)
    else setPathLoose(copy, parts, value)
    if (indexField !== undefined) setPathLoose(copy, indexField, index)
    out.push(copy)
  }
  for (const doc of docs) {
    const v = getPath(doc, parts)
    if (Array.isArray(v)) {
      if (v.length === 0 && preserve) emit(doc, MISSING, null)
      v.forEach((e, i) => emit(doc, e, Long.fromNumber(i)))
    } else if ((v !== MISSING && v !== null) || preserve) {
      emit(doc, v, null)
    }
  }
  return out
}

function countStage (docs: Doc[], name: unknown): Doc[] {
  if (typeof name !== 'string' || name === '' || name.startsWith('$') || name.includes('.')) {
    fail('Location40156', 'the count field must be a non-empty string, must not start with $ and must not contain .')
  }
  return docs.length === 0 ? [] : [{ [name]: makeNumber(docs.length, 'int') }]
}

function nonNegative (v: unknown, stage: string): number {
  const n = numType(v) === undefined ? NaN : toNumber(v)
  if (!Number.isInteger(n) || n < 0) fail('BadValue', `invalid argument to ${stage} stage: ${String(v)}`)
  return n
}

function idFirst (d: Doc): Doc {
  if (!('_id' in d) || Object.keys(d)[0] === '_id') return d
  const { _id: id, ...rest } = d
  return { _id: id, ...rest }
}

function viaMingo (docs: Doc[], stage: Doc, name: string, resolver: CollectionResolver): Doc[] {
  const out = runPipeline(docs, [stage], resolver)
  if (ONE_TO_ONE.has(name) && out.length === docs.length) {
    return out.map((d, i) => idFirst(restoreTypes(docs[i], d) as Doc))
  }
  return out
}

function crossesArray (doc: Doc, parts: string[]): boolean {
  let cur: unknown = doc
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isDocument(cur)) return false
    cur = cur[parts[i]]
    if (Array.isArray(cur)) return true
  }
  return false
}

// $set/$addFields whose values are field paths, constants or operator expressions, evaluated against the
// stage's input document. Embedded-document specs (which merge into existing sub-documents), array
// literals and dotted paths through arrays are left to mingo.
function nativeAddFields (docs: Doc[], spec: Doc): Doc[] | undefined {
  const entries = Object.entries(spec)
  if (entries.some(([k, v]) => k.startsWith('$') || (isDocument(v) && !isOperatorExpression(v)) || Array.isArray(v))) return undefined
  const paths = entries.map(([k]) => splitPath(k))
  if (docs.some((d) => paths.some((p) => crossesArray(d, p)))) return undefined
  const evals = entries.map(([, v], j) => [paths[j], compileExpression(v, docs)] as const)
  return docs.map((doc, i) => {
    const out = cloneDoc(doc)
    for (const [parts, ev] of evals) {
      const v = ev(doc, i)
      if (v === MISSING) unsetPath(out, parts)
      else setPathLoose(out, parts, v)
    }
    return out
  })
}

// Pipeline-style update of one document (a private copy); numbers the stages leave untouched keep their type.
export function applyPipelineUpdate (doc: Doc, pipeline: Doc[]): Doc {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0]
    if (!UPDATE_STAGES.has(name)) fail('InvalidOptions', `${name} is not allowed to be used within an update`)
  }
  const [out] = runAggregation([doc], pipeline, () => [])
  if (out === undefined) fail('BadValue', 'pipeline update produced no document')
  return out
}

// `input` documents are never modified; the result documents are private copies.
export function runAggregation (input: Doc[], pipeline: Doc[], resolver: CollectionResolver): Doc[] {
  let docs = input
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0]
    const arg = stage[name]
    switch (name) {
      case '$match': {
        if (!isDocument(arg)) fail('BadValue', 'the match filter must be an expression in an object')
        const pred = compileFilter(arg)
        docs = docs.filter((d) => pred(d))
        continue
      }
      case '$sort':
        if (!isDocument(arg) || Object.keys(arg).length === 0) fail('Location15976', '$sort stage must have at least one sort key')
        docs = sortDocs(docs, parseSort(arg) ?? [])
        continue
      case '$skip':
        docs = docs.slice(nonNegative(arg, '$skip'))
        continue
      case '$limit': {
        const n = nonNegative(arg, '$limit')
        if (n === 0) fail('BadValue', 'the limit must be positive')
        docs = docs.slice(0, n)
        continue
      }
      case '$count':
        docs = countStage(docs, arg)
        continue
      case '$unwind':
        docs = unwind(docs, arg)
        continue
      case '$group':
        if (!isDocument(arg)) fail('Location15947', "a group's fields must be specified in an object")
        docs = nativeGroup(docs, arg) ?? runPipeline(docs, [stage], resolver)
        continue
      case '$set':
      case '$addFields': {
        const added = isDocument(arg) ? nativeAddFields(docs, arg) : undefined
        if (added !== undefined) {
          docs = added
          continue
        }
        break
      }
      case '$out':
      case '$merge':
        notImplemented(`the ${name} aggregation stage`)
    }
    docs = viaMingo(docs, stage, name, resolver)
  }
  return docs.map((d) => cloneDoc(d))
}
