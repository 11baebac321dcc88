// Update operators ($set ... $bit, $setOnInsert), positional paths ($, $[], $[id]) and their errors, as
// MongoDB applies them. Arithmetic keeps BSON numeric types: int32 + int32 stays int32 unless it
// overflows into int64, anything with a double becomes a double. Always applied to a private copy.
import { Timestamp } from 'bson'
import {
  arith, bsonTag, cloneValue, compareValues, isDocument, makeNumber, MISSING, numType, toNumber, valuesEqual, type Doc
} from './bson-values.js'
import { fail } from './errors.js'
import { formatValue } from './format.js'
import { compileFilter, compileValueCondition, isOperatorObject } from './matcher.js'
import { getPath, isArrayIndex } from './paths.js'
import { typeName, validatePath, type CompiledUpdate, type PathOp } from './update-compile.js'

export { compileUpdate, type CompiledUpdate } from './update-compile.js'

export interface UpdateContext {
  isInsert: boolean
  now: Date
  positional: (arrayPath: string) => number
}

// --- Path expansion and mutation ------------------------------------------------------------------

function expand (doc: Doc, parts: string[], cu: CompiledUpdate, ctx: UpdateContext): string[][] {
  let results: string[][] = [[]]
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    if (p === '$' || p.startsWith('$[')) {
      const next: string[][] = []
      for (const prefix of results) {
        if (p === '$') {
          if (ctx.isInsert) fail('BadValue', 'The positional operator did not find the match needed from the query.')
          next.push([...prefix, String(ctx.positional(prefix.join('.')))])
          continue
        }
        const arr = getPath(doc, prefix)
        if (!Array.isArray(arr)) {
          fail('BadValue', `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`)
        }
        const id = p.slice(2, -1)
        const pred = id === '' ? undefined : cu.arrayFilters.get(id)
        for (let j = 0; j < arr.length; j++) {
          if (pred === undefined || pred({ [id]: arr[j] })) next.push([...prefix, String(j)])
        }
      }
      results = next
    } else {
      for (const r of results) r.push(p)
    }
  }
  return results
}

function describe (container: unknown, name: string): string {
  return `{${name}: ${formatValue(container)}}`
}

// Walks to the parent of the last component, creating documents as needed.
function parentFor (doc: Doc, parts: string[], create: boolean): Doc | unknown[] | undefined {
  let cur: unknown = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]
    let next: unknown
    if (Array.isArray(cur)) {
      if (!isArrayIndex(p)) {
        if (!create) return undefined
        fail('PathNotViable', `Cannot create field '${p}' in element ${describe(cur, parts[i - 1] ?? '')}`)
      }
      const idx = Number(p)
      next = cur[idx]
      if (next === undefined || next === null) {
        if (!create) return undefined
        if (next === null) fail('PathNotViable', `Cannot create field '${parts[i + 1]}' in element {${p}: null}`)
        while (cur.length < idx) cur.push(null)
        next = {}
        cur[idx] = next
      }
    } else if (isDocument(cur)) {
      next = cur[p]
      if (next === undefined) {
        if (!create) return undefined
        next = {}
        cur[p] = next
      }
    } else {
      return undefined
    }
    if (!isDocument(next) && !Array.isArray(next)) {
      if (!create) return undefined
      fail('PathNotViable', `Cannot create field '${parts[i + 1]}' in element ${describe(next, p)}`)
    }
    cur = next
  }
  return cur as Doc | unknown[]
}

function setAt (doc: Doc, parts: string[], value: unknown): void {
  const parent = parentFor(doc, parts, true) as Doc | unknown[]
  const last = parts[parts.length - 1]
  if (Array.isArray(parent)) {
    if (!isArrayIndex(last)) fail('PathNotViable', `Cannot create field '${last}' in element {${parts[parts.length - 2] ?? ''}: ${formatValue(parent)}}`)
    const idx = Number(last)
    while (parent.length < idx) parent.push(null)
    parent[idx] = value
  } else {
    parent[last] = value
  }
}

function unsetAt (doc: Doc, parts: string[]): void {
  const parent = parentFor(doc, parts, false)
  if (parent === undefined) return
  const last = parts[parts.length - 1]
  if (Array.isArray(parent)) {
    if (isArrayIndex(last) && Number(last) < parent.length) parent[Number(last)] = null
  } else if (Object.prototype.hasOwnProperty.call(parent, last)) {
    delete parent[last]
  }
}

function idOf (doc: Doc): string {
  return `{_id: ${formatValue(doc._id)}}`
}

function arrayAt (doc: Doc, parts: string[], path: string, op: string): unknown[] | undefined {
  const cur = getPath(doc, parts)
  if (cur === MISSING) return undefined
  if (!Array.isArray(cur)) {
    if (op === '$pull' || op === '$pullAll') fail('BadValue', 'Cannot apply $pull to a non-array value')
    if (op === '$pop') fail('TypeMismatch', `Path '${path}' contains an element of non-array type '${typeName(cur)}'`)
    fail('BadValue', `The field '${path}' must be an array but is of type ${typeName(cur)} in document ${idOf(doc)}`)
  }
  return cur
}

function pushValues (doc: Doc, parts: string[], path: string, arg: unknown): void {
  const each = isDocument(arg) && '$each' in arg ? (arg.$each as unknown[]) : [arg]
  const mods = isDocument(arg) && '$each' in arg ? arg : {}
  const arr = arrayAt(doc, parts, path, '$push') ?? []
  const values = each.map((v) => cloneValue(v))
  let position = arr.length
  if (mods.$position !== undefined) {
    if (numType(mods.$position) === undefined) fail('BadValue', 'The value for $position must be an integer value')
    const p = toNumber(mods.$position)
    position = p < 0 ? Math.max(0, arr.length + p) : Math.min(p, arr.length)
  }
  arr.splice(position, 0, ...values)
  if (mods.$sort !== undefined) sortArray(arr, mods.$sort)
  if (mods.$slice !== undefined) {
    if (numType(mods.$slice) === undefined) fail('BadValue', 'The value for $slice must be an integer value')
    const n = toNumber(mods.$slice)
    const kept = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n))
    arr.splice(0, arr.length, ...kept)
  }
  setAt(doc, parts, arr)
}

function sortArray (arr: unknown[], spec: unknown): void {
  if (numType(spec) !== undefined) {
    const dir = toNumber(spec)
    if (dir !== 1 && dir !== -1) fail('BadValue', 'The $sort element value must be either 1 or -1')
    arr.sort((a, b) => compareValues(a, b) * dir)
    return
  }
  if (!isDocument(spec) || Object.keys(spec).length === 0) fail('BadValue', 'The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields')
  const fields = Object.entries(spec).map(([k, v]) => ({ parts: k.split('.'), dir: toNumber(v) }))
  arr.sort((a, b) => {
    for (const f of fields) {
      const c = compareValues(isDocument(a) ? getPath(a, f.parts) : MISSING, isDocument(b) ? getPath(b, f.parts) : MISSING)
      if (c !== 0) return c * f.dir
    }
    return 0
  })
}

function pullPredicate (cond: unknown): (e: unknown) => boolean {
  if (isOperatorObject(cond)) {
    const p = compileValueCondition(cond)
    return (e) => p([e])
  }
  if (isDocument(cond)) {
    const p = compileFilter(cond)
    return (e) => isDocument(e) && p(e)
  }
  if (cond instanceof RegExp || bsonTag(cond) === 'BSONRegExp') {
    const p = compileValueCondition(cond)
    return (e) => p([e])
  }
  return (e) => valuesEqual(e, cond)
}

function bitOp (cur: unknown, spec: Doc): unknown {
  let type = numType(cur) ?? 'int'
  let value = BigInt(Math.trunc(toNumber(cur)))
  if (numType(cur) === 'long') value = BigInt(String((cur as { toString: () => string }).toString()))
  for (const [k, v] of Object.entries(spec)) {
    const t = numType(v)
    if (t === 'long') type = 'long'
    const operand = t === 'long' ? BigInt((v as { toString: () => string }).toString()) : BigInt(toNumber(v))
    if (k === 'and') value = value & operand
    else if (k === 'or') value = value | operand
    else value = value ^ operand
  }
  if (type === 'int') value = BigInt.asIntN(32, value)
  else value = BigInt.asIntN(64, value)
  return makeNumber(value, type === 'int' ? 'int' : 'long')
}

let timestampCounter = 0

function applyOne (doc: Doc, op: PathOp, parts: string[], ctx: UpdateContext): void {
  const path = parts.join('.')
  switch (op.op) {
    case '$setOnInsert':
      if (!ctx.isInsert) return
      setAt(doc, parts, cloneValue(op.arg))
      return
    case '$set':
      setAt(doc, parts, cloneValue(op.arg))
      return
    case '$unset':
      unsetAt(doc, parts)
      return
    case '$inc':
    case '$mul': {
      const cur = getPath(doc, parts)
      if (cur === MISSING) {
        setAt(doc, parts, op.op === '$inc' ? cloneValue(op.arg) : makeNumber(0, numType(op.arg) ?? 'int'))
        return
      }
      if (numType(cur) === undefined) {
        fail('TypeMismatch', `Cannot apply ${op.op} to a value of non-numeric type. ${idOf(doc)} has the field '${parts[parts.length - 1]}' of non-numeric type ${typeName(cur)}`)
      }
      setAt(doc, parts, arith(cur, op.arg, op.op === '$inc' ? '+' : '*'))
      return
    }
    case '$min':
    case '$max': {
      const cur = getPath(doc, parts)
      const c = cur === MISSING ? 0 : compareValues(op.arg, cur)
      if (cur === MISSING || (op.op === '$min' ? c < 0 : c > 0)) setAt(doc, parts, cloneValue(op.arg))
      return
    }
    case '$currentDate': {
      if (op.arg === false) return
      const asTimestamp = isDocument(op.arg) && op.arg.$type === 'timestamp'
      const value = asTimestamp
        ? new Timestamp({ t: Math.floor(ctx.now.getTime() / 1000), i: ++timestampCounter })
        : new Date(ctx.now.getTime())
      setAt(doc, parts, value)
      return
    }
    case '$rename': {
      const value = getPath(doc, parts)
      if (value === MISSING) return
      unsetAt(doc, parts)
      setAt(doc, op.to as string[], value)
      return
    }
    case '$push':
      pushValues(doc, parts, path, op.arg)
      return
    case '$addToSet': {
      const arr = arrayAt(doc, parts, path, '$addToSet') ?? []
      const each = isDocument(op.arg) && '$each' in op.arg ? (op.arg.$each as unknown[]) : [op.arg]
      for (const v of each) if (!arr.some((x) => valuesEqual(x, v))) arr.push(cloneValue(v))
      setAt(doc, parts, arr)
      return
    }
    case '$pop': {
      const arr = arrayAt(doc, parts, path, '$pop')
      if (arr === undefined || arr.length === 0) return
      if (toNumber(op.arg) === 1) arr.pop()
      else arr.shift()
      return
    }
    case '$pull': {
      const arr = arrayAt(doc, parts, path, '$pull')
      if (arr === undefined) return
      const pred = pullPredicate(op.arg)
      const kept = arr.filter((e) => !pred(e))
      if (kept.length !== arr.length) arr.splice(0, arr.length, ...kept)
      return
    }
    case '$pullAll': {
      const arr = arrayAt(doc, parts, path, '$pullAll')
      if (arr === undefined) return
      const values = op.arg as unknown[]
      const kept = arr.filter((e) => !values.some((v) => valuesEqual(e, v)))
      if (kept.length !== arr.length) arr.splice(0, arr.length, ...kept)
      return
    }
    case '$bit': {
      const cur = getPath(doc, parts)
      const base = cur === MISSING ? 0 : cur
      const t = numType(base)
      if (t !== 'int' && t !== 'long') {
        fail('BadValue', `Cannot apply $bit to a value of non-integral type.${idOf(doc)} has the field ${parts[parts.length - 1]} of non-integer type ${typeName(cur)}`)
      }
      setAt(doc, parts, bitOp(base, op.arg as Doc))
    }
  }
}

// Mutates `doc` (a private copy). The caller checks _id immutability and the document size.
export function applyUpdate (doc: Doc, cu: CompiledUpdate, ctx: UpdateContext): void {
  for (const op of cu.ops) {
    const targets = op.parts.some((p) => p.startsWith('$')) ? expand(doc, op.parts, cu, ctx) : [op.parts]
    for (const parts of targets) applyOne(doc, op, parts, ctx)
  }
}

// The document an upsert starts from: the filter's equality conditions.
export function upsertSeed (filter: Doc): Doc {
  const seed: Doc = {}
  const visit = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isDocument(sub)) visit(sub)
        continue
      }
      if (k.startsWith('$')) continue
      let value: unknown = MISSING
      if (isOperatorObject(v)) {
        if ('$eq' in v) value = v.$eq
        else if (Array.isArray(v.$in) && v.$in.length === 1 && !(v.$in[0] instanceof RegExp) && bsonTag(v.$in[0]) !== 'BSONRegExp') value = v.$in[0]
      } else if (!(v instanceof RegExp) && bsonTag(v) !== 'BSONRegExp') {
        value = v
      }
      if (value === MISSING) continue
      const parts = validatePath(k)
      if (getPath(seed, parts) !== MISSING) {
        fail('NotSingleValueField', `cannot infer query fields to set, path '${k}' is matched twice`)
      }
      setAt(seed, parts, cloneValue(value))
    }
  }
  visit(filter)
  return seed
}
