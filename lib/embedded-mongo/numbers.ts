// BSON numbers: int32, int64, double and Decimal128 as the server stores them, their type, value and
// arithmetic with MongoDB's result types.
import { Decimal128, Double, Long } from 'bson'
import { decAdd, decCompare, decMul, parseDecimal, toDecimal128, type DecValue } from './decimal.js'

const INT32_MIN = -2147483648
const INT32_MAX = 2147483647
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

export function bsonTag (v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined
}

export function fitsInt32 (n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0)
}

export type NumType = 'int' | 'long' | 'double' | 'decimal'
const NUM_ORDER: Record<NumType, number> = { int: 0, long: 1, double: 2, decimal: 3 }

export function numType (v: unknown): NumType | undefined {
  if (typeof v === 'number') return fitsInt32(v) ? 'int' : 'double'
  switch (bsonTag(v)) {
    case 'Double': return 'double'
    case 'Int32': return 'int'
    case 'Long': return 'long'
    case 'Decimal128': return 'decimal'
  }
  return undefined
}

// Long values compare exactly through bigint; JavaScript's relational operators accept mixed
// number/bigint operands and compare them exactly.
export function numValue (v: unknown): number | bigint {
  if (typeof v === 'number') return v
  switch (bsonTag(v)) {
    case 'Double':
    case 'Int32':
      return (v as { value: number }).value
    case 'Long':
      return (v as Long).toBigInt()
    case 'Decimal128':
      return Number((v as Decimal128).toString())
  }
  return NaN
}

export function toNumber (v: unknown): number {
  const n = numValue(v)
  return typeof n === 'bigint' ? Number(n) : n
}

export function toDecValue (v: unknown): DecValue {
  if (bsonTag(v) === 'Decimal128') return parseDecimal((v as Decimal128).toString())
  const n = numValue(v)
  return typeof n === 'bigint' ? { coef: n, exp: 0 } : parseDecimal(String(n))
}

export function makeNumber (value: number | bigint, type: NumType): unknown {
  if (type === 'decimal') return Decimal128.fromString(String(value))
  if (type === 'double') {
    const n = Number(value)
    return fitsInt32(n) ? new Double(n) : n
  }
  const big = typeof value === 'bigint' ? value : (Number.isInteger(value) ? BigInt(value) : undefined)
  if (big === undefined) return makeNumber(value, 'double')
  if (type === 'int' && big >= INT32_MIN && big <= INT32_MAX) return Number(big)
  if (big >= INT64_MIN && big <= INT64_MAX) return Long.fromBigInt(big)
  return Number(big)
}

function widerType (a: NumType, b: NumType): NumType {
  return NUM_ORDER[a] >= NUM_ORDER[b] ? a : b
}

export function arith (a: unknown, b: unknown, op: '+' | '*'): unknown {
  const ta = numType(a) ?? 'int'
  const tb = numType(b) ?? 'int'
  const type = widerType(ta, tb)
  if (type === 'decimal') {
    const x = toDecValue(a)
    const y = toDecValue(b)
    return toDecimal128(op === '+' ? decAdd(x, y) : decMul(x, y))
  }
  if (type === 'int' || type === 'long') {
    const x = BigInt(numValue(a))
    const y = BigInt(numValue(b))
    return makeNumber(op === '+' ? x + y : x * y, type)
  }
  const x = toNumber(a)
  const y = toNumber(b)
  return makeNumber(op === '+' ? x + y : x * y, type)
}

export function compareNumbers (a: unknown, b: unknown): number {
  if (bsonTag(a) === 'Decimal128' || bsonTag(b) === 'Decimal128') return decCompare(toDecValue(a), toDecValue(b))
  const x = numValue(a)
  const y = numValue(b)
  const xn = typeof x === 'number' && Number.isNaN(x)
  const yn = typeof y === 'number' && Number.isNaN(y)
  if (xn || yn) return xn && yn ? 0 : xn ? -1 : 1
  return x < y ? -1 : x > y ? 1 : 0
}
