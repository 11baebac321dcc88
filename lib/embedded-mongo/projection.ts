// find/findAndModify projections: inclusion, exclusion, dotted paths through arrays, $slice,
// $elemMatch and the positional `a.$`. Projections that compute values (expressions, literals) are
// evaluated by mingo on a copy.
import { cloneValue, isDocument, numType, toNumber, type Doc } from './bson-values.js'
import { fail, notImplemented } from './errors.js'
import { compileFilter } from './matcher.js'
import { projectWithExpressions } from './mingo-bridge.js'
import { positionalIndex } from './positional.js'

export type Projector = (doc: Doc, filter: Doc) => Doc

type Special = { slice: [number, number | undefined] } | { elemMatch: (e: unknown) => boolean } | { positional: true }
interface Node { include?: boolean, children?: Map<string, Node>, special?: Special }

function truthyFlag (v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (numType(v) !== undefined) return toNumber(v) !== 0
  return undefined
}

function parseSlice (v: unknown): [number, number | undefined] {
  if (numType(v) !== undefined) {
    const n = toNumber(v)
    return n >= 0 ? [0, n] : [n, undefined]
  }
  if (Array.isArray(v) && v.length === 2 && numType(v[0]) !== undefined && numType(v[1]) !== undefined) {
    const limit = toNumber(v[1])
    if (limit <= 0) fail('BadValue', `$slice limit must be positive, got ${limit}`)
    return [toNumber(v[0]), limit]
  }
  return fail('BadValue', '$slice only supports numbers and [skip, limit] arrays')
}

function applySlice (arr: unknown[], [skip, limit]: [number, number | undefined]): unknown[] {
  if (limit === undefined) return skip < 0 ? arr.slice(Math.max(0, arr.length + skip)) : arr.slice(0, skip)
  const start = skip < 0 ? Math.max(0, arr.length + skip) : skip
  return arr.slice(start, start + limit)
}

function insertPath (root: Node, parts: string[], leaf: Node): void {
  let cur = root
  for (let i = 0; i < parts.length - 1; i++) {
    cur.children ??= new Map()
    let next = cur.children.get(parts[i])
    if (next === undefined) {
      next = {}
      cur.children.set(parts[i], next)
    }
    if (next.include !== undefined && next.children === undefined) fail('Location31250', `Path collision at ${parts.join('.')}`)
    cur = next
  }
  cur.children ??= new Map()
  const last = parts[parts.length - 1]
  if (cur.children.has(last)) fail('Location31250', `Path collision at ${parts.join('.')}`)
  cur.children.set(last, leaf)
}

export function compileProjection (spec: unknown): Projector | undefined {
  if (spec === undefined || spec === null) return undefined
  if (!isDocument(spec)) fail('BadValue', 'projection must be an object')
  const keys = Object.keys(spec)
  if (keys.length === 0) return undefined
  let mode: 'include' | 'exclude' | undefined
  let computed = false
  let idFlag: boolean | undefined
  const root: Node = {}
  for (const key of keys) {
    const v = spec[key]
    const flag = truthyFlag(v)
    if (key === '_id' && flag !== undefined) {
      idFlag = flag
      continue
    }
    if (key.endsWith('.$')) {
      if (mode === 'exclude') fail('Location31253', `Cannot do inclusion on field ${key} in exclusion projection`)
      mode = 'include'
      insertPath(root, key.slice(0, -2).split('.'), { include: true, special: { positional: true } })
      continue
    }
    if (flag !== undefined) {
      const m = flag ? 'include' : 'exclude'
      if (mode !== undefined && mode !== m) {
        if (m === 'exclude') fail('Location31254', `Cannot do exclusion on field ${key} in inclusion projection`)
        fail('Location31253', `Cannot do inclusion on field ${key} in exclusion projection`)
      }
      mode = m
      insertPath(root, key.split('.'), { include: flag })
      continue
    }
    if (isDocument(v) && Object.keys(v).length === 1 && v.$slice !== undefined) {
      insertPath(root, key.split('.'), { special: { slice: parseSlice(v.$slice) } })
      continue
    }
    if (isDocument(v) && Object.keys(v).length === 1 && v.$elemMatch !== undefined) {
      if (mode === 'exclude') fail('Location31253', `Cannot do inclusion on field ${key} in exclusion projection`)
      mode = 'include'
      const p = compileFilter(v.$elemMatch)
      insertPath(root, key.split('.'), { include: true, special: { elemMatch: (e) => isDocument(e) && p(e) } })
      continue
    }
    if (isDocument(v) && v.$meta !== undefined) notImplemented('$meta projections')
    computed = true
  }
  if (computed) {
    return (doc) => projectWithExpressions(doc, spec)
  }
  const includeId = idFlag ?? true
  if (mode === 'include') {
    return (doc, filter) => {
      const out = includeDoc(doc, root, filter, '')
      if (includeId && doc._id !== undefined) return { _id: cloneValue(doc._id), ...withoutId(out) }
      return withoutId(out)
    }
  }
  return (doc) => {
    const out = excludeDoc(doc, root)
    if (!includeId) delete out._id
    return out
  }
}

function withoutId (d: Doc): Doc {
  if (!('_id' in d)) return d
  const { _id: _drop, ...rest } = d
  return rest
}

function includeDoc (doc: Doc, node: Node, filter: Doc, prefix: string): Doc {
  const out: Doc = {}
  const children = node.children
  if (children === undefined) return out
  for (const key of Object.keys(doc)) {
    const child = children.get(key)
    if (child === undefined) continue
    const value = doc[key]
    const path = prefix === '' ? key : `${prefix}.${key}`
    const special = child.special
    if (special !== undefined) {
      if ('slice' in special) out[key] = Array.isArray(value) ? cloneValue(applySlice(value, special.slice)) : cloneValue(value)
      else if ('elemMatch' in special) {
        if (Array.isArray(value)) {
          const hit = value.find(special.elemMatch)
          if (hit !== undefined) out[key] = [cloneValue(hit)]
        }
      } else if (Array.isArray(value)) {
        out[key] = [cloneValue(value[positionalIndex(doc, filter, path)])]
      }
      continue
    }
    if (child.include === true && child.children === undefined) {
      out[key] = cloneValue(value)
    } else if (child.children !== undefined) {
      if (isDocument(value)) out[key] = includeDoc(value, child, filter, path)
      else if (Array.isArray(value)) out[key] = includeArray(value, child, filter, path)
    }
  }
  return out
}

function includeArray (arr: unknown[], node: Node, filter: Doc, path: string): unknown[] {
  const out: unknown[] = []
  for (const e of arr) {
    if (isDocument(e)) out.push(includeDoc(e, node, filter, path))
    else if (Array.isArray(e)) out.push(includeArray(e, node, filter, path))
  }
  return out
}

function excludeDoc (doc: Doc, node: Node): Doc {
  const out: Doc = {}
  const children = node.children
  for (const key of Object.keys(doc)) {
    const child = children?.get(key)
    const value = doc[key]
    if (child === undefined) {
      out[key] = cloneValue(value)
      continue
    }
    const special = child.special
    if (special !== undefined && 'slice' in special) {
      out[key] = Array.isArray(value) ? cloneValue(applySlice(value, special.slice)) : cloneValue(value)
      continue
    }
    if (child.include === false && child.children === undefined) continue
    if (isDocument(value)) out[key] = excludeDoc(value, child)
    else if (Array.isArray(value)) out[key] = value.map((e) => (isDocument(e) ? excludeDoc(e, child) : cloneValue(e)))
    else out[key] = cloneValue(value)
  }
  return out
}
