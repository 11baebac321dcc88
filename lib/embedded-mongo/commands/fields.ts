// Checks a command's fields, and those of its update or delete statements, against MongoDB 7.0's lists
// in field-specs.ts, with the errors 7.0's IDL parser gives: an unknown field is 40415 and a missing
// required one 40414, and either fails the whole command before anything runs.
import { isDocument, type Doc } from '../bson-values.js'
import { fail, notImplemented } from '../errors.js'
import { COMMAND_FIELDS, GENERIC_ARGUMENTS, STATEMENT_FIELDS, type FieldSpec } from './field-specs.js'

// findandmodify is the legacy spelling of the same command; MongoDB names fields after the canonical one.
const CANONICAL: Record<string, string> = { findandmodify: 'findAndModify' }

function checkDoc (path: string, doc: Doc, specs: FieldSpec[], from: number): void {
  const keys = Object.keys(doc)
  for (let i = from; i < keys.length; i++) {
    const k = keys[i]
    if (specs.some((s) => s.accepted.has(k))) continue
    const feature = specs.map((s) => s.refused[k]).find((f) => f !== undefined)
    if (feature === undefined) fail('Location40415', `BSON field '${path}.${k}' is an unknown field.`)
    // A null is how some clients spell "not set"; there is nothing in it to ignore.
    if (doc[k] !== null) notImplemented(`${feature} ('${path}.${k}')`)
  }
  for (const s of specs) {
    for (const r of s.required) {
      if (doc[r] === undefined) fail('Location40414', `BSON field '${path}.${r}' is missing but a required field`)
    }
  }
}

// Commands without a list here (handshake, indexes, collections) are not checked.
export function checkCommandFields (name: string, body: Doc): void {
  const command = CANONICAL[name] ?? name
  const spec = COMMAND_FIELDS[command]
  if (spec === undefined) return
  // The first field is the command itself.
  checkDoc(command, body, [spec, GENERIC_ARGUMENTS], 1)
  const statements = STATEMENT_FIELDS[command]
  if (statements === undefined) return
  const list = body[statements.field]
  if (!Array.isArray(list)) return
  for (const st of list) {
    if (isDocument(st)) checkDoc(`${command}.${statements.field}`, st, [statements.spec], 0)
  }
}
