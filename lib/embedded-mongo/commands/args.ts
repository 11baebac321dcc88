// Reading and validating command arguments the way MongoDB reports bad ones.
import { isDocument, numType, toNumber, type Doc } from '../bson-values.js'
import { fail } from '../errors.js'
import { checkCollectionName } from '../namespaces.js'
import type { CommandContext } from './context.js'

export function collectionArg (ctx: CommandContext): string {
  return checkCollectionName(ctx.db, ctx.body[ctx.name])
}

export function optionalInt (ctx: CommandContext, field: string): number | undefined {
  const v = ctx.body[field]
  if (v === undefined || v === null) return undefined
  if (numType(v) === undefined) fail('TypeMismatch', `BSON field '${ctx.name}.${field}' is the wrong type '${typeof v}', expected types '[long, int, decimal, double]'`)
  return Math.trunc(toNumber(v))
}

export function optionalDoc (ctx: CommandContext, field: string): Doc | undefined {
  const v = ctx.body[field]
  if (v === undefined || v === null) return undefined
  if (!isDocument(v)) fail('TypeMismatch', `BSON field '${ctx.name}.${field}' is the wrong type '${Array.isArray(v) ? 'array' : typeof v}', expected type 'object'`)
  return v
}

export function flag (v: unknown): boolean {
  if (typeof v === 'boolean') return v
  if (numType(v) !== undefined) return toNumber(v) !== 0
  return false
}

export function docArray (ctx: CommandContext, field: string): Doc[] {
  const v = ctx.body[field]
  if (!Array.isArray(v)) fail('TypeMismatch', `BSON field '${ctx.name}.${field}' is the wrong type '${typeof v}', expected type 'array'`)
  if (v.length === 0) fail('InvalidLength', 'Write batch sizes must be between 1 and 100000. Got 0 operations.')
  if (v.length > 100000) fail('InvalidLength', `Write batch sizes must be between 1 and 100000. Got ${v.length} operations.`)
  return v.map((d, i) => {
    if (!isDocument(d)) fail('TypeMismatch', `BSON field '${ctx.name}.${field}.${i}' is the wrong type, expected type 'object'`)
    return d
  })
}
