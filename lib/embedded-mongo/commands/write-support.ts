// Shared by insert, update and findAndModify: document validation, the three kinds of update
// (operators, replacement, pipeline), upsert seeds, _id immutability and the 16 MiB limit.
import { calculateObjectSize, ObjectId } from 'bson'
import { cloneDoc, compareValues, detachBinaries, isDocument, type Doc } from '../bson-values.js'
import { fail } from '../errors.js'
import { formatValue } from '../format.js'
import { applyPipelineUpdate } from '../aggregation.js'
import { positionalIndex } from '../positional.js'
import { dollarPrefixedName } from '../field-names.js'
import { applyUpdate, compileUpdate, upsertSeed, type CompiledUpdate } from '../update-ops.js'

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024

export type UpdateSpec =
  | { kind: 'operators', compiled: CompiledUpdate }
  | { kind: 'replacement', replacement: Doc }
  | { kind: 'pipeline', pipeline: Doc[] }

function idFirst (doc: Doc): Doc {
  const keys = Object.keys(doc)
  if (keys[0] === '_id') return doc
  const { _id: id, ...rest } = doc
  return { _id: id, ...rest }
}

// MongoDB 5.0+ stores $-prefixed and dotted field names anywhere in a document, except that an _id
// must stay usable as a key: no $-prefixed names at any depth inside it, DBRefs aside.
function checkId (id: unknown): void {
  if (Array.isArray(id)) fail('InvalidIdField', "The '_id' value cannot be of type array")
  if (id instanceof RegExp) fail('InvalidIdField', "The '_id' value cannot be of type regex")
  if (id === undefined) fail('InvalidIdField', "The '_id' value cannot be undefined")
  const bad = dollarPrefixedName(id)
  if (bad !== undefined) fail('DollarPrefixedFieldName', `_id fields may not contain '$'-prefixed fields: ${bad} is not valid for storage.`)
}

export function checkSize (doc: Doc, what: 'insert' | 'update'): void {
  const size = calculateObjectSize(doc)
  if (size > MAX_BSON_OBJECT_SIZE) {
    if (what === 'insert') fail('BSONObjectTooLarge', `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`)
    fail('BSONObjectTooLarge', `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`)
  }
}

// The stored form of a document to insert, _id first (generated if absent). `doc` was decoded from the
// request and nothing else refers to it, so it is stored as it is rather than copied.
export function prepareInsert (doc: Doc): Doc {
  detachBinaries(doc)
  if (!('_id' in doc)) {
    checkSize(doc, 'insert')
    return { _id: new ObjectId(), ...doc }
  }
  checkId(doc._id)
  const out = idFirst(doc)
  checkSize(out, 'insert')
  return out
}

export function parseUpdateSpec (u: unknown, arrayFilters: unknown, multi: boolean): UpdateSpec {
  if (Array.isArray(u)) {
    if (arrayFilters !== undefined && arrayFilters !== null) fail('FailedToParse', 'arrayFilters may not be specified for pipeline-style updates')
    return { kind: 'pipeline', pipeline: u.map((s) => (isDocument(s) ? s : fail('FailedToParse', 'Each element of the update pipeline must be an object'))) }
  }
  if (!isDocument(u)) fail('FailedToParse', 'Update argument must be either an object or an array')
  const keys = Object.keys(u)
  if (keys.length > 0 && keys[0].startsWith('$')) {
    return { kind: 'operators', compiled: compileUpdate(u, arrayFilters) }
  }
  for (const k of keys) {
    if (k.startsWith('$')) fail('DollarPrefixedFieldName', `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`)
  }
  if (multi) fail('FailedToParse', 'multi update is not supported for replacement-style update')
  if (arrayFilters !== undefined && arrayFilters !== null) fail('FailedToParse', 'Cannot specify arrayFilters and a replacement-style update')
  return { kind: 'replacement', replacement: u }
}

function immutableId (before: Doc, after: Doc): Doc {
  if (!('_id' in after)) return { _id: before._id, ...after }
  if (compareValues(before._id, after._id) !== 0) {
    fail('ImmutableField', 'Performing an update on the path \'_id\' would modify the immutable field \'_id\'')
  }
  after._id = before._id
  return idFirst(after)
}

// The new version of a matched document; `before` is never modified.
export function computeUpdated (before: Doc, spec: UpdateSpec, filter: Doc, now: Date): Doc {
  let after: Doc
  if (spec.kind === 'operators') {
    after = cloneDoc(before)
    applyUpdate(after, spec.compiled, { isInsert: false, now, positional: (path) => positionalIndex(before, filter, path) })
    if (!('_id' in after)) fail('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'")
  } else if (spec.kind === 'replacement') {
    after = cloneDoc(spec.replacement)
    if ('_id' in after && compareValues(before._id, after._id) !== 0) {
      fail('ImmutableField', `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(after._id)}`)
    }
  } else {
    after = applyPipelineUpdate(cloneDoc(before), spec.pipeline)
  }
  const out = immutableId(before, after)
  checkSize(out, 'update')
  return out
}

export function computeUpsert (filter: Doc, spec: UpdateSpec, now: Date): Doc {
  const seed = upsertSeed(filter)
  let doc: Doc
  if (spec.kind === 'operators') {
    doc = seed
    applyUpdate(doc, spec.compiled, { isInsert: true, now, positional: () => fail('BadValue', 'The positional operator did not find the match needed from the query.') })
  } else if (spec.kind === 'replacement') {
    doc = cloneDoc(spec.replacement)
    if (!('_id' in doc) && '_id' in seed) doc = { _id: seed._id, ...doc }
  } else {
    doc = applyPipelineUpdate(seed, spec.pipeline)
  }
  if ('_id' in doc) checkId(doc._id)
  const out = '_id' in doc ? idFirst(doc) : { _id: new ObjectId(), ...doc }
  checkSize(out, 'insert')
  return out
}
