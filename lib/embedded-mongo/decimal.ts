// Exact Decimal128 arithmetic and comparison (coefficient x 10^exponent on bigint), so $inc/$mul on
// decimals and comparisons between decimals and other numbers are exact as in MongoDB.
import { Decimal128 } from 'bson'

export interface Dec { coef: bigint, exp: number }
export type DecValue = Dec | number

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

// Special values (NaN, ±Infinity) come back as numbers.
export function parseDecimal (s: string): DecValue {
  const m = DECIMAL_RE.exec(s.trim())
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return Number(s.replace(/inf(inity)?/i, 'Infinity'))
  const frac = m[3] ?? ''
  const digits = (m[2] + frac).replace(/^0+(?=\d)/, '')
  const coef = BigInt(digits === '' ? '0' : digits)
  const exp = Number(m[4] ?? '0') - frac.length
  return { coef: m[1] === '-' ? -coef : coef, exp }
}

function align (a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.exp === b.exp) return [a.coef, b.coef, a.exp]
  if (a.exp > b.exp) return [a.coef * 10n ** BigInt(a.exp - b.exp), b.coef, b.exp]
  return [a.coef, b.coef * 10n ** BigInt(b.exp - a.exp), a.exp]
}

export function decCompare (a: DecValue, b: DecValue): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : decToNumber(a)
    const y = typeof b === 'number' ? b : decToNumber(b)
    const xn = Number.isNaN(x)
    const yn = Number.isNaN(y)
    if (xn || yn) return xn && yn ? 0 : xn ? -1 : 1
    return x < y ? -1 : x > y ? 1 : 0
  }
  const [x, y] = align(a, b)
  return x < y ? -1 : x > y ? 1 : 0
}

function decToNumber (d: DecValue): number {
  return typeof d === 'number' ? d : Number(`${d.coef}e${d.exp}`)
}

export function decAdd (a: DecValue, b: DecValue): DecValue {
  if (typeof a === 'number' || typeof b === 'number') return decToNumber(a) + decToNumber(b)
  const [x, y, exp] = align(a, b)
  return { coef: x + y, exp }
}

export function decMul (a: DecValue, b: DecValue): DecValue {
  if (typeof a === 'number' || typeof b === 'number') return decToNumber(a) * decToNumber(b)
  return { coef: a.coef * b.coef, exp: a.exp + b.exp }
}

export function toDecimal128 (d: DecValue): Decimal128 {
  if (typeof d === 'number') return Decimal128.fromString(Number.isNaN(d) ? 'NaN' : d > 0 ? 'Infinity' : '-Infinity')
  return Decimal128.fromStringWithRounding(`${d.coef}E${d.exp >= 0 ? '+' : ''}${d.exp}`)
}

// Equal decimals (1.50 and 1.5) and equal numbers of other types share one canonical string.
export function decKey (d: DecValue): string {
  if (typeof d === 'number') return String(d)
  let { coef, exp } = d
  if (coef === 0n) return '0'
  while (exp < 0 && coef % 10n === 0n) {
    coef /= 10n
    exp++
  }
  if (exp >= 0) return (coef * 10n ** BigInt(exp)).toString()
  return String(decToNumber({ coef, exp }))
}
