// createIndexes, listIndexes, dropIndexes.
import { cloneDoc, compareValues, isDocument, type Doc } from '../bson-values.js'
import type { Collection } from '../collection.js'
import { fail } from '../errors.js'
import { sameIndexOptions, sameKeyPattern, validateIndexSpec } from '../indexes.js'
import { formatValue } from '../format.js'
import { collectionArg } from './args.js'
import type { CommandContext } from './context.js'
import { arraySource } from './find.js'

// Returns whether the spec is new; throws MongoDB's conflict errors for near-duplicates.
function checkAgainstExisting (coll: Collection | undefined, spec: Doc): boolean {
  if (coll === undefined) return true
  for (const idx of coll.indexes) {
    const sameName = idx.name === spec.name
    const sameKey = sameKeyPattern(idx.spec.key as Doc, spec.key as Doc)
    if (sameName && sameKey) {
      if (idx.isId || sameIndexOptions(idx.spec, spec)) return false
      fail('IndexOptionsConflict', `An existing index has the same name as the requested index but different options. Requested index: ${formatValue(spec)}, existing index: ${formatValue(idx.spec)}`)
    }
    if (sameName) {
      fail('IndexKeySpecsConflict', `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatValue(spec)}, existing index: ${formatValue(idx.spec)}`)
    }
    if (sameKey && compareValues(idx.spec.partialFilterExpression ?? null, spec.partialFilterExpression ?? null) === 0) {
      fail('IndexOptionsConflict', `Index already exists with a different name: ${idx.name}`)
    }
  }
  return true
}

export function createIndexesCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const raw = ctx.body.indexes
  if (!Array.isArray(raw)) fail('FailedToParse', "BSON field 'createIndexes.indexes' is missing but a required field")
  if (raw.length === 0) fail('BadValue', 'Must specify at least one index to create')
  const specs = raw.map(validateIndexSpec)
  const storage = ctx.server.storage
  const existing = storage.collection(ctx.db, name)
  const fresh = specs.filter((s) => {
    if ((s.key as Doc)._id !== undefined && Object.keys(s.key as Doc).length === 1 && s.name === '_id_') return false
    return checkAgainstExisting(existing, s)
  })
  for (let i = 0; i < fresh.length; i++) {
    for (let j = i + 1; j < fresh.length; j++) {
      if (fresh[i].name === fresh[j].name) fail('IndexKeySpecsConflict', `Index with name: ${String(fresh[i].name)} already exists with a different key spec`)
    }
  }
  const before = existing?.indexes.length ?? 1
  const { coll, created } = storage.ensureCollection(ctx.db, name, ctx.log)
  for (const spec of fresh) storage.createIndex(coll, spec, ctx.log)
  const reply: Doc = { numIndexesBefore: before, numIndexesAfter: coll.indexes.length, createdCollectionAutomatically: created }
  if (fresh.length === 0) reply.note = 'all indexes already exist'
  reply.ok = 1
  return reply
}

export function listIndexesCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const coll = ctx.server.storage.collection(ctx.db, name)
  if (coll === undefined) fail('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`)
  const ns = `${ctx.db}.${name}`
  const docs = coll.indexes.map((i) => cloneDoc(i.spec))
  const cursor = isDocument(ctx.body.cursor) ? ctx.body.cursor : {}
  const batchSize = typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined
  const { id, docs: firstBatch } = ctx.server.cursors.open(arraySource(ns, docs), batchSize, false)
  return { cursor: { id, ns, firstBatch }, ok: 1 }
}

export function dropIndexesCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const coll = ctx.server.storage.collection(ctx.db, name)
  if (coll === undefined) fail('NamespaceNotFound', `ns not found ${ctx.db}.${name}`)
  const target = ctx.body.index
  const nIndexesWas = coll.indexes.length
  const names: string[] = []
  if (target === '*') {
    for (const idx of coll.indexes) if (!idx.isId) names.push(idx.name)
  } else if (typeof target === 'string') {
    names.push(target)
  } else if (Array.isArray(target)) {
    for (const n of target) {
      if (typeof n !== 'string') fail('TypeMismatch', 'dropIndexes: index names must be strings')
      names.push(n)
    }
  } else if (isDocument(target)) {
    const matches = coll.indexes.filter((i) => sameKeyPattern(i.spec.key as Doc, target))
    if (matches.length === 0) fail('IndexNotFound', `can't find index with key: ${formatValue(target)}`)
    if (matches.length > 1) fail('AmbiguousIndexKeyPattern', `${matches.length} indexes found for key: ${formatValue(target)}, identify by name instead.`)
    names.push(matches[0].name)
  } else {
    fail('TypeMismatch', "BSON field 'dropIndexes.index' is missing but a required field")
  }
  for (const n of names) {
    if (n === '_id_') fail('InvalidOptions', 'cannot drop _id index')
    if (!coll.indexes.some((i) => i.name === n)) fail('IndexNotFound', `index not found with name [${n}]`)
  }
  for (const n of names) ctx.server.storage.dropIndex(coll, n, ctx.log)
  return { nIndexesWas, ok: 1 }
}
