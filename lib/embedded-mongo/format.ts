// Values rendered the way MongoDB prints them inside error messages (e.g. `dup key: { email: "a@b" }`).
import { bsonTag, isDocument, toNumber } from './bson-values.js'

export function formatValue (v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  if (v instanceof Date) return `new Date(${v.getTime()})`
  if (v instanceof RegExp) return String(v)
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map(formatValue).join(', ')} ]`
  switch (bsonTag(v)) {
    case 'ObjectId': return `ObjectId('${(v as { toHexString: () => string }).toHexString()}')`
    case 'Double':
    case 'Int32':
      return String(toNumber(v))
    case 'Long': return String(v)
    case 'Decimal128': return `Decimal128("${String(v)}")`
    case 'Binary': return `BinData(${String((v as { sub_type: number }).sub_type)}, ${(v as { toString: (e: string) => string }).toString('hex').toUpperCase()})`
    case 'Timestamp': return `Timestamp(${String(v)})`
    case 'MinKey': return 'MinKey'
    case 'MaxKey': return 'MaxKey'
  }
  if (isDocument(v)) {
    const keys = Object.keys(v)
    if (keys.length === 0) return '{}'
    return `{ ${keys.map((k) => `${k}: ${formatValue(v[k])}`).join(', ')} }`
  }
  return String(v)
}
