// Parsing and validation of update documents: operators, paths, conflicts between paths and
// arrayFilters, all refused with MongoDB's codes before anything is applied.
import { isDocument, numType, toNumber, type Doc } from './bson-values.js'
import { fail } from './errors.js'
import { formatValue } from './format.js'
import { compileFilter, type DocPredicate } from './matcher.js'

export interface PathOp { op: string, path: string, parts: string[], arg: unknown, to?: string[] }

export interface CompiledUpdate {
  ops: PathOp[]
  arrayFilters: Map<string, DocPredicate>
}

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate', '$setOnInsert', '$push',
  '$addToSet', '$pop', '$pull', '$pullAll', '$bit'
])

export function validatePath (path: string): string[] {
  if (path === '') fail('EmptyFieldName', 'An empty update path is not valid.')
  const parts = path.split('.')
  if (parts.some((p) => p === '')) fail('EmptyFieldName', `The update path '${path}' contains an empty field name, which is not allowed.`)
  return parts
}

function conflictCheck (paths: string[]): void {
  const sorted = [...paths].sort()
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]
    const b = sorted[i]
    if (a === b || b.startsWith(a + '.')) {
      fail('ConflictingUpdateOperators', `Updating the path '${b}' would create a conflict at '${a}'`)
    }
  }
}

function parseArrayFilters (raw: unknown): Map<string, DocPredicate> {
  const out = new Map<string, DocPredicate>()
  if (raw === undefined || raw === null) return out
  if (!Array.isArray(raw)) fail('TypeMismatch', 'arrayFilters must be an array')
  for (const f of raw) {
    if (!isDocument(f)) fail('TypeMismatch', 'Each array filter must be an object')
    let id: string | undefined
    for (const k of Object.keys(f)) {
      const head = k.split('.')[0]
      if (head.startsWith('$')) fail('FailedToParse', `Cannot use an expression without a top-level field name in arrayFilters: ${k}`)
      if (id !== undefined && id !== head) fail('FailedToParse', `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${id}' and '${head}'`)
      id = head
    }
    if (id === undefined) fail('FailedToParse', 'Cannot use an expression without a top-level field name in arrayFilters')
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) fail('BadValue', `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`)
    if (out.has(id)) fail('FailedToParse', `Found multiple array filters with the same top-level field name ${id}`)
    out.set(id, compileFilter(f))
  }
  return out
}

export function compileUpdate (update: Doc, rawArrayFilters?: unknown): CompiledUpdate {
  const ops: PathOp[] = []
  const allPaths: string[] = []
  const used = new Set<string>()
  for (const op of Object.keys(update)) {
    if (!OPERATORS.has(op)) {
      fail('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`)
    }
    const spec = update[op]
    if (!isDocument(spec)) {
      fail('FailedToParse', `Modifiers operate on fields but we found type ${typeName(spec)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(spec)}}`)
    }
    for (const path of Object.keys(spec)) {
      const parts = validatePath(path)
      const arg = spec[path]
      for (const p of parts) {
        const m = /^\$\[(.*)\]$/.exec(p)
        if (m !== null && m[1] !== '') used.add(m[1])
      }
      validateArg(op, path, arg)
      const entry: PathOp = { op, path, parts, arg }
      allPaths.push(stripPositional(path))
      if (op === '$rename') {
        if (typeof arg !== 'string') fail('BadValue', `The 'to' field for $rename must be a string: ${path}: ${formatValue(arg)}`)
        if (arg === path) fail('BadValue', `The source and target field for $rename must differ: ${path}: "${arg}"`)
        if (path.includes('$') || arg.includes('$')) fail('BadValue', 'The source field for $rename may not be dynamic')
        entry.to = validatePath(arg)
        allPaths.push(arg)
      }
      ops.push(entry)
    }
  }
  conflictCheck(allPaths)
  const arrayFilters = parseArrayFilters(rawArrayFilters)
  for (const id of used) {
    if (!arrayFilters.has(id)) fail('BadValue', `No array filter found for identifier '${id}' in path`)
  }
  for (const id of arrayFilters.keys()) {
    if (!used.has(id)) fail('FailedToParse', `The array filter for identifier '${id}' was not used in the update ${formatValue(update)}`)
  }
  // MongoDB applies field updates in path order, which is also the order new fields are appended in.
  ops.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { ops, arrayFilters }
}

function stripPositional (path: string): string {
  return path.split('.').filter((p) => !(p === '$' || p.startsWith('$['))).join('.')
}

export function typeName (v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'string') return 'string'
  if (numType(v) !== undefined) return numType(v) === 'int' ? 'int' : numType(v) === 'long' ? 'long' : numType(v) === 'decimal' ? 'decimal' : 'double'
  if (typeof v === 'boolean') return 'bool'
  if (v instanceof Date) return 'date'
  if (isDocument(v)) return 'object'
  return typeof v
}

function validateArg (op: string, path: string, arg: unknown): void {
  switch (op) {
    case '$inc':
    case '$mul':
      if (numType(arg) === undefined) {
        fail('TypeMismatch', `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`)
      }
      break
    case '$currentDate':
      if (arg !== true && !(isDocument(arg) && (arg.$type === 'date' || arg.$type === 'timestamp'))) {
        if (arg === false) break
        fail('BadValue', `${formatValue(arg)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`)
      }
      break
    case '$pop': {
      const n = numType(arg) !== undefined ? toNumber(arg) : NaN
      if (n !== 1 && n !== -1) fail('FailedToParse', `$pop expects 1 or -1, found: ${formatValue(arg)}`)
      break
    }
    case '$pullAll':
      if (!Array.isArray(arg)) fail('BadValue', `$pullAll requires an array argument but was given a ${typeName(arg)}`)
      break
    case '$bit':
      if (!isDocument(arg) || Object.keys(arg).length === 0) fail('BadValue', `The $bit modifier is not compatible with a ${typeName(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`)
      for (const [k, v] of Object.entries(arg)) {
        if (!['and', 'or', 'xor'].includes(k)) fail('BadValue', `The $bit modifier only supports 'and', 'or', and 'xor', not '${k}' which is an unknown operator: {${k}: ${formatValue(v)}}`)
        const t = numType(v)
        if (t !== 'int' && t !== 'long') fail('BadValue', `The $bit modifier field must be an Integer(32/64 bit); a '${typeName(v)}' is not supported here: {${k}: ${formatValue(v)}}`)
      }
      break
    case '$push':
    case '$addToSet':
      if (isDocument(arg) && '$each' in arg) {
        if (!Array.isArray(arg.$each)) fail('BadValue', `The argument to $each in ${op} must be an array but it was of type: ${typeName(arg.$each)}`)
        for (const k of Object.keys(arg)) {
          const allowed = op === '$push' ? ['$each', '$slice', '$sort', '$position'] : ['$each']
          if (!allowed.includes(k)) fail('BadValue', `Unrecognized clause in ${op}: ${k}`)
        }
      }
      break
  }
}
