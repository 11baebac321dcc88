// Database and collection name rules, as MongoDB enforces them.
import { fail } from './errors.js'

const BAD_DB_CHARS = /[/\\. "$\0]/

export function checkDbName (db: unknown): string {
  if (typeof db !== 'string' || db.length === 0 || db.length > 63 || BAD_DB_CHARS.test(db)) {
    fail('InvalidNamespace', `Invalid database name: '${String(db)}'`)
  }
  return db
}

export function checkCollectionName (db: string, name: unknown): string {
  if (typeof name !== 'string') {
    return fail('InvalidNamespace', `collection name has invalid type ${name === null ? 'null' : typeof name}`)
  }
  if (name.length === 0 || name.includes('\0') || name.includes('$') || name.startsWith('.') || name.startsWith('system.')) {
    fail('InvalidNamespace', `Invalid namespace specified '${db}.${name}'`)
  }
  if (db.length + 1 + name.length > 255) fail('InvalidNamespace', `Fully qualified namespace is too long. Namespace: ${db}.${name}`)
  return name
}
