// MongoDB query predicates, evaluated with the server's own BSON order so that every numeric type,
// ObjectId, Date and Binary compares as MongoDB compares it. A filter is compiled once per command.
import {
  bsonTag, compareValues, isDocument, MISSING, numType, toNumber, typeRank, valuesEqual, type Doc
} from './bson-values.js'
import { fail, notImplemented } from './errors.js'
import { exprPredicate } from './mingo-bridge.js'
import { collectValues, splitPath } from './paths.js'

export type DocPredicate = (doc: Doc) => boolean
type ValuesPredicate = (values: unknown[]) => boolean

const MATCH_ALL: DocPredicate = () => true

export function compileFilter (filter: unknown): DocPredicate {
  if (filter === undefined || filter === null) return MATCH_ALL
  if (!isDocument(filter)) fail('BadValue', 'query filter must be an object')
  const clauses: DocPredicate[] = []
  for (const key of Object.keys(filter)) {
    const value = filter[key]
    if (key.startsWith('$')) {
      const c = compileTopLevel(key, value)
      if (c !== undefined) clauses.push(c)
    } else {
      clauses.push(compilePath(key, value))
    }
  }
  if (clauses.length === 0) return MATCH_ALL
  if (clauses.length === 1) return clauses[0]
  return (doc) => {
    for (const c of clauses) if (!c(doc)) return false
    return true
  }
}

function compileLogical (op: string, value: unknown): DocPredicate[] {
  if (!Array.isArray(value) || value.length === 0) fail('BadValue', `${op} must be a nonempty array`)
  return value.map((v) => {
    if (!isDocument(v)) fail('BadValue', `${op} argument's entries must be objects`)
    return compileFilter(v)
  })
}

function compileTopLevel (key: string, value: unknown): DocPredicate | undefined {
  switch (key) {
    case '$and': {
      const parts = compileLogical(key, value)
      return (doc) => parts.every((p) => p(doc))
    }
    case '$or': {
      const parts = compileLogical(key, value)
      return (doc) => parts.some((p) => p(doc))
    }
    case '$nor': {
      const parts = compileLogical(key, value)
      return (doc) => !parts.some((p) => p(doc))
    }
    case '$expr':
      return exprPredicate(value)
    case '$comment':
      return undefined
    case '$where':
      return notImplemented('server-side JavaScript ($where)')
    case '$text':
      return fail('IndexNotFound', 'text index required for $text query')
    case '$jsonSchema':
      return notImplemented('$jsonSchema')
    case '$alwaysTrue':
      return MATCH_ALL
    case '$alwaysFalse':
      return () => false
  }
  return fail('BadValue', `unknown top level operator: ${key}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`)
}

export function isOperatorObject (v: unknown): v is Doc {
  if (!isDocument(v)) return false
  const keys = Object.keys(v)
  return keys.length > 0 && keys[0].startsWith('$')
}

function compilePath (path: string, cond: unknown): DocPredicate {
  const parts = splitPath(path)
  const pred = compileValueCondition(cond)
  return (doc) => pred(collectValues(doc, parts))
}

// A condition on the values found at one path: either an operator object or a literal to equal.
export function compileValueCondition (cond: unknown): ValuesPredicate {
  if (cond instanceof RegExp || bsonTag(cond) === 'BSONRegExp') return regexMatch(toRegExp(cond))
  if (!isOperatorObject(cond)) return equals(cond)
  const ops: ValuesPredicate[] = []
  const obj = cond
  for (const op of Object.keys(obj)) {
    if (op === '$options') {
      if (!('$regex' in obj)) fail('BadValue', '$options needs a $regex')
      continue
    }
    if (!op.startsWith('$')) fail('BadValue', `unknown operator: ${op}`)
    ops.push(compileOperator(op, obj[op], obj))
  }
  if (ops.length === 1) return ops[0]
  return (values) => {
    for (const o of ops) if (!o(values)) return false
    return true
  }
}

function compileOperator (op: string, arg: unknown, all: Doc): ValuesPredicate {
  switch (op) {
    case '$eq': return equals(arg, true)
    case '$ne': {
      const p = equals(arg, true)
      return (v) => !p(v)
    }
    case '$gt': return comparison(arg, (c) => c > 0)
    case '$gte': return comparison(arg, (c) => c >= 0)
    case '$lt': return comparison(arg, (c) => c < 0)
    case '$lte': return comparison(arg, (c) => c <= 0)
    case '$in': return inList(arg, op)
    case '$nin': {
      const p = inList(arg, op)
      return (v) => !p(v)
    }
    case '$exists': {
      const want = Boolean(typeof arg === 'object' && arg !== null ? true : arg)
      return (values) => values.some((v) => v !== MISSING) === want
    }
    case '$type': return typeMatch(arg)
    case '$size': return sizeMatch(arg)
    case '$all': return allMatch(arg)
    case '$elemMatch': return elemMatch(arg)
    case '$regex': return regexMatch(toRegExp(arg, all.$options))
    case '$mod': return modMatch(arg)
    case '$not': {
      if (!(arg instanceof RegExp) && bsonTag(arg) !== 'BSONRegExp' && !isOperatorObject(arg)) {
        fail('BadValue', '$not needs a regex or a document')
      }
      const p = compileValueCondition(arg)
      return (v) => !p(v)
    }
    case '$comment': return () => true
    case '$geoWithin':
    case '$geoIntersects':
    case '$near':
    case '$nearSphere':
      return notImplemented(`geospatial queries (${op})`)
    case '$bitsAllSet':
    case '$bitsAnySet':
    case '$bitsAllClear':
    case '$bitsAnyClear':
      return notImplemented(`bitwise query operators (${op})`)
    case '$where':
      return notImplemented('server-side JavaScript ($where)')
    case '$text':
      return fail('IndexNotFound', 'text index required for $text query')
  }
  return fail('BadValue', `unknown operator: ${op}`)
}

function toRegExp (v: unknown, options?: unknown): RegExp {
  if (options !== undefined && typeof options !== 'string') fail('BadValue', '$options has to be a string')
  let source: string
  let flags: string
  if (v instanceof RegExp) {
    source = v.source
    flags = v.flags
  } else if (bsonTag(v) === 'BSONRegExp') {
    const r = v as { pattern: string, options: string }
    source = r.pattern
    flags = r.options
  } else if (typeof v === 'string') {
    source = v
    flags = ''
  } else {
    return fail('BadValue', '$regex has to be a string')
  }
  if (typeof options === 'string') flags += options
  const jsFlags = [...new Set(flags.split('').filter((f) => 'imsu'.includes(f)))].join('')
  if (flags.includes('x')) source = stripExtended(source)
  try {
    return new RegExp(source, jsFlags)
  } catch (err) {
    return fail('BadValue', `Regular expression is invalid: ${err instanceof Error ? err.message : String(err)}`)
  }
}

// PCRE's x flag: unescaped whitespace and #-comments are not part of the pattern.
function stripExtended (source: string): string {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      out += c + (source[i + 1] ?? '')
      i++
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++
    } else if (!/\s/.test(c)) {
      out += c
    }
  }
  return out
}

function isRegexValue (v: unknown): boolean {
  return v instanceof RegExp || bsonTag(v) === 'BSONRegExp'
}

function stringValue (v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (bsonTag(v) === 'BSONSymbol') return String((v as { value: unknown }).value)
  return undefined
}

function regexMatch (re: RegExp): ValuesPredicate {
  const test = (x: unknown): boolean => {
    const s = stringValue(x)
    if (s !== undefined) return re.test(s)
    if (isRegexValue(x)) return valuesEqual(x, re)
    return false
  }
  return (values) => values.some((v) => test(v) || (Array.isArray(v) && v.some(test)))
}

// Equality as MongoDB defines it: null also matches a missing field, and an array field matches when it
// equals the value or any of its elements does. A literal regex matches strings.
function equals (target: unknown, explicitEq = false): ValuesPredicate {
  if (!explicitEq && isRegexValue(target)) return regexMatch(toRegExp(target))
  const targetIsNull = target === null || target === undefined
  return (values) => {
    for (const v of values) {
      if (v === MISSING) {
        if (targetIsNull) return true
        continue
      }
      if (valuesEqual(v, target)) return true
      if (Array.isArray(v)) {
        for (const e of v) if (valuesEqual(e, target)) return true
      }
    }
    return false
  }
}

function inList (arg: unknown, op: string): ValuesPredicate {
  if (!Array.isArray(arg)) fail('BadValue', `${op} needs an array`)
  const preds = arg.map((t) => {
    if (isOperatorObject(t)) fail('BadValue', `cannot nest $ under ${op}`)
    return isRegexValue(t) ? regexMatch(toRegExp(t)) : equals(t, true)
  })
  return (values) => preds.some((p) => p(values))
}

function isBoundary (v: unknown): boolean {
  const t = bsonTag(v)
  return t === 'MinKey' || t === 'MaxKey'
}

// Comparison operators only match values of the same canonical type as the operand (type bracketing).
function comparison (target: unknown, ok: (c: number) => boolean): ValuesPredicate {
  if (isRegexValue(target)) return regexMatch(toRegExp(target))
  const rank = typeRank(target)
  const boundary = isBoundary(target)
  const check = (x: unknown): boolean => {
    const v = x === MISSING ? null : x
    if (!boundary && typeRank(v) !== rank) return false
    return ok(compareValues(v, target))
  }
  const targetIsArray = Array.isArray(target)
  return (values) => {
    for (const v of values) {
      if (Array.isArray(v)) {
        if (targetIsArray && check(v)) return true
        for (const e of v) if (check(e)) return true
        if (v.length === 0 && !targetIsArray && boundary && check(v)) return true
      } else if (check(v)) {
        return true
      }
    }
    return false
  }
}

const TYPE_ALIASES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127
}

function bsonTypeNumber (v: unknown): number {
  const nt = numType(v)
  if (nt !== undefined) return nt === 'int' ? 16 : nt === 'long' ? 18 : nt === 'decimal' ? 19 : 1
  if (typeof v === 'string') return 2
  if (typeof v === 'boolean') return 8
  if (v === null || v === undefined) return 10
  if (Array.isArray(v)) return 4
  if (v instanceof Date) return 9
  if (v instanceof RegExp) return 11
  switch (bsonTag(v)) {
    case 'Binary': return 5
    case 'ObjectId': return 7
    case 'Timestamp': return 17
    case 'BSONRegExp': return 11
    case 'BSONSymbol': return 14
    case 'Code': return 13
    case 'MinKey': return -1
    case 'MaxKey': return 127
  }
  return 3
}

function typeMatch (arg: unknown): ValuesPredicate {
  const list = Array.isArray(arg) ? arg : [arg]
  let wantNumber = false
  const codes = new Set<number>()
  for (const t of list) {
    if (t === 'number') wantNumber = true
    else if (typeof t === 'string') {
      const code = TYPE_ALIASES[t]
      if (code === undefined) fail('BadValue', `Unknown type name alias: ${t}`)
      codes.add(code)
    } else if (numType(t) !== undefined) {
      codes.add(toNumber(t))
    } else {
      fail('BadValue', 'type must be represented as a number or a string')
    }
  }
  const test = (x: unknown): boolean => (wantNumber && numType(x) !== undefined) || codes.has(bsonTypeNumber(x))
  return (values) => values.some((v) => v !== MISSING && (test(v) || (Array.isArray(v) && v.some(test))))
}

function sizeMatch (arg: unknown): ValuesPredicate {
  if (numType(arg) === undefined) fail('BadValue', '$size needs a number')
  const n = toNumber(arg)
  if (!Number.isInteger(n) || n < 0) fail('BadValue', '$size may only be specified as a non-negative integer')
  return (values) => values.some((v) => Array.isArray(v) && v.length === n)
}

function allMatch (arg: unknown): ValuesPredicate {
  if (!Array.isArray(arg)) fail('BadValue', '$all needs an array')
  if (arg.length === 0) return () => false
  const preds = arg.map((t) => {
    if (isDocument(t) && Object.keys(t)[0] === '$elemMatch') return elemMatch(t.$elemMatch)
    if (isOperatorObject(t)) fail('BadValue', 'no $ expressions in $all')
    return isRegexValue(t) ? regexMatch(toRegExp(t)) : equals(t, true)
  })
  return (values) => preds.every((p) => p(values))
}

const LOGICAL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment'])

function elemMatch (arg: unknown): ValuesPredicate {
  if (!isDocument(arg)) fail('BadValue', '$elemMatch needs an Object')
  const keys = Object.keys(arg)
  const valueForm = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k))
  let test: (e: unknown) => boolean
  if (valueForm) {
    const p = compileValueCondition(arg)
    test = (e) => p([e])
  } else {
    const p = compileFilter(arg)
    test = (e) => isDocument(e) && p(e)
  }
  return (values) => values.some((v) => Array.isArray(v) && v.some(test))
}

function modMatch (arg: unknown): ValuesPredicate {
  if (!Array.isArray(arg) || arg.length !== 2) fail('BadValue', 'malformed mod, needs to be an array of 2 elements')
  if (numType(arg[0]) === undefined || numType(arg[1]) === undefined) fail('BadValue', 'malformed mod, divisor and remainder must be numbers')
  const d = Math.trunc(toNumber(arg[0]))
  const r = Math.trunc(toNumber(arg[1]))
  if (d === 0) fail('BadValue', 'divisor cannot be 0')
  const test = (x: unknown): boolean => numType(x) !== undefined && Math.trunc(toNumber(x)) % d === r
  return (values) => values.some((v) => test(v) || (Array.isArray(v) && v.some(test)))
}
