// Chooses how to find a query's documents (an _id lookup, an index scan, or a collection scan) and runs
// it. Index scans walk the sorted entries between bounds, in the sort's direction when the index order
// matches the requested sort, and stop as soon as skip + limit documents matched.
import { ABS_MAX, ABS_MIN, compareValues, isDocument, keyOf, numType, toNumber, type Doc } from './bson-values.js'
import { extractBounds, idLookupValues, intervalsFor, isPoint, within, type Interval } from './bounds.js'
import { fail, notImplemented } from './errors.js'
import { resolveHint, type Hint } from './hint.js'
import type { Index, IndexEntry } from './indexes.js'
import type { DocPredicate } from './matcher.js'
import { keyValues, splitPath } from './paths.js'

export interface CollectionView {
  docs: Map<number, Doc>
  ids: Map<string, number>
  indexes: Index[]
}

export interface SortField { path: string, parts: string[], dir: 1 | -1 }

export interface QueryStats { keysExamined: number, docsExamined: number }

export interface PlanSummary { stage: 'IDHACK' | 'IXSCAN' | 'COLLSCAN' | 'EOF', indexName?: string, direction?: 'forward' | 'backward', sortProvided: boolean }

export interface QueryRequest {
  filter: Doc
  predicate: DocPredicate
  sort?: SortField[]
  skip?: number
  limit?: number
  hint?: Hint
}

export interface QueryResult { rids: number[], plan: PlanSummary, stats: QueryStats }

const MAX_SCANS = 4096

export function parseSort (sort: unknown): SortField[] | undefined {
  if (sort === undefined || sort === null) return undefined
  if (!isDocument(sort)) fail('BadValue', '$sort must be an object')
  const fields: SortField[] = []
  for (const [path, dir] of Object.entries(sort)) {
    if (isDocument(dir)) notImplemented('$meta sort')
    const n = numType(dir) !== undefined ? toNumber(dir) : NaN
    if (n !== 1 && n !== -1) fail('BadValue', '$sort key ordering must be 1 (for ascending) or -1 (for descending)')
    fields.push({ path, parts: splitPath(path), dir: n })
  }
  return fields.length === 0 ? undefined : fields
}

function sortKey (doc: Doc, f: SortField): unknown {
  const { values } = keyValues(doc, f.parts)
  let best: unknown
  for (let i = 0; i < values.length; i++) {
    const v = Array.isArray(values[i]) ? null : values[i]
    if (i === 0 || compareValues(v, best) * f.dir < 0) best = v
  }
  return best
}

// Stable: documents with equal sort keys keep their input order.
function sortBy<T> (items: T[], docOf: (item: T) => Doc, sort: SortField[]): T[] {
  const keyed = items.map((item, i) => {
    const doc = docOf(item)
    return { item, i, k: sort.map((f) => sortKey(doc, f)) }
  })
  keyed.sort((a, b) => {
    for (let j = 0; j < sort.length; j++) {
      const c = compareValues(a.k[j], b.k[j])
      if (c !== 0) return c * sort[j].dir
    }
    return a.i - b.i
  })
  return keyed.map((x) => x.item)
}

function sortRecords (coll: CollectionView, rids: number[], sort: SortField[]): number[] {
  return sortBy(rids, (r) => coll.docs.get(r) as Doc, sort)
}

export function sortDocs (docs: Doc[], sort: SortField[]): Doc[] {
  return sortBy(docs, (d) => d, sort)
}

interface Candidate {
  index: Index
  bounds: (Interval[] | undefined)[]
  score: number
  sortDirection: 0 | 1 | -1
}

function buildCandidate (index: Index, pathBounds: Map<string, Interval[][]>, sort: SortField[] | undefined): Candidate {
  const bounds: (Interval[] | undefined)[] = []
  let score = 0
  for (const f of index.fields) {
    const cs = pathBounds.get(f.path)
    if (cs === undefined) break
    const ivs = intervalsFor(cs, index.multikey)
    bounds.push(f.dir === 1 ? ivs : [...ivs].reverse())
    if (!ivs.every(isPoint)) {
      score += 1
      break
    }
    score += 2
  }
  return { index, bounds, score, sortDirection: sortDirectionFor(index, bounds, sort) }
}

function sortDirectionFor (index: Index, bounds: (Interval[] | undefined)[], sort: SortField[] | undefined): 0 | 1 | -1 {
  if (sort === undefined || index.multikey) return 0
  let j = 0
  let direction: 0 | 1 | -1 = 0
  const matched = new Set<number>()
  const singlePoint = (i: number): boolean => {
    const b = bounds[i]
    return b !== undefined && b.length === 1 && isPoint(b[0])
  }
  for (const s of sort) {
    while (j < index.fields.length && index.fields[j].path !== s.path && singlePoint(j)) j++
    if (j >= index.fields.length || index.fields[j].path !== s.path) return 0
    const d = index.fields[j].dir === s.dir ? 1 : -1
    if (direction === 0) direction = d
    else if (d !== direction) return 0
    matched.add(j)
    j++
  }
  let multi = 0
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]
    if (b !== undefined && b.length > 1) {
      if (!matched.has(i)) return 0
      multi++
    }
  }
  return multi > 1 ? 0 : direction
}

function choosePlan (coll: CollectionView, req: QueryRequest): Candidate | undefined {
  const pathBounds = extractBounds(req.filter)
  let best: Candidate | undefined
  for (const index of coll.indexes) {
    if (index.partial !== undefined || index.sparse || index.spec.hidden === true) continue
    const c = buildCandidate(index, pathBounds, req.sort)
    if (c.score === 0 && c.sortDirection === 0) continue
    if (best === undefined || better(c, best)) best = c
  }
  return best
}

function better (a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score
  if ((a.sortDirection !== 0) !== (b.sortDirection !== 0)) return a.sortDirection !== 0
  if (a.index.unique !== b.index.unique) return a.index.unique
  return a.index.fields.length < b.index.fields.length
}

interface Scan { ivs: (Interval | undefined)[] }

function expandScans (bounds: (Interval[] | undefined)[]): Scan[] {
  let scans: Scan[] = [{ ivs: [] }]
  for (const b of bounds) {
    if (b === undefined) break
    if (b.length === 0) return []
    const next: Scan[] = []
    for (const s of scans) for (const iv of b) next.push({ ivs: [...s.ivs, iv] })
    if (next.length > MAX_SCANS) break
    scans = next
  }
  return scans
}

function compareTuple (k: unknown[], t: unknown[], dirs: number[]): number {
  for (let i = 0; i < dirs.length; i++) {
    const c = compareValues(k[i], t[i])
    if (c !== 0) return c * dirs[i]
  }
  return 0
}

function * scanIndex (index: Index, scans: Scan[], forward: boolean, stats: QueryStats): Generator<IndexEntry> {
  const dirs = index.fields.map((f) => f.dir)
  const n = dirs.length
  const ordered = forward ? scans : [...scans].reverse()
  for (const scan of ordered) {
    const start: unknown[] = []
    const end: unknown[] = []
    for (let i = 0; i < n; i++) {
      const iv = scan.ivs[i]
      if (iv === undefined) {
        start.push(dirs[i] === 1 ? ABS_MIN : ABS_MAX)
        end.push(dirs[i] === 1 ? ABS_MAX : ABS_MIN)
      } else {
        start.push(dirs[i] === 1 ? iv.lo : iv.hi)
        end.push(dirs[i] === 1 ? iv.hi : iv.lo)
      }
    }
    const inBounds = (e: IndexEntry): boolean => {
      for (let i = 0; i < scan.ivs.length; i++) {
        const iv = scan.ivs[i]
        if (iv !== undefined && !within(e.k[i], iv)) return false
      }
      return true
    }
    if (forward) {
      const pos = index.entries.seek((e) => compareTuple(e.k, start, dirs) < 0)
      for (const e of index.entries.from(pos, true)) {
        if (compareTuple(e.k, end, dirs) > 0) break
        stats.keysExamined++
        if (inBounds(e)) yield e
      }
    } else {
      const pos = index.entries.seek((e) => compareTuple(e.k, end, dirs) <= 0)
      for (const e of index.entries.from(pos, false)) {
        if (compareTuple(e.k, start, dirs) < 0) break
        stats.keysExamined++
        if (inBounds(e)) yield e
      }
    }
  }
}

export function runQuery (coll: CollectionView, request: QueryRequest): QueryResult {
  // { $natural: ±1 } means insertion order (or its reverse), which only a collection scan gives.
  const naturalSort = request.sort?.length === 1 && request.sort[0].path === '$natural' ? request.sort[0].dir : undefined
  if (request.sort !== undefined && naturalSort === undefined && request.sort.some((f) => f.path === '$natural')) {
    fail('BadValue', '$natural sort cannot be combined with other sort fields')
  }
  const hinted = request.hint === undefined ? undefined : resolveHint(coll.indexes, request.hint)
  const natural = naturalSort ?? (hinted !== undefined && 'natural' in hinted ? hinted.natural : undefined)
  const hintedIndex = hinted !== undefined && 'index' in hinted ? hinted.index : undefined
  const req = naturalSort === undefined ? request : { ...request, sort: undefined }
  const stats: QueryStats = { keysExamined: 0, docsExamined: 0 }
  const skip = req.skip ?? 0
  const wanted = req.limit !== undefined && req.limit > 0 ? skip + req.limit : Infinity
  const matched: number[] = []
  let plan: PlanSummary
  let ordered = req.sort === undefined

  const consider = (r: number): boolean => {
    const doc = coll.docs.get(r)
    if (doc === undefined) return false
    stats.docsExamined++
    if (!req.predicate(doc)) return false
    matched.push(r)
    return true
  }

  // A hint names the plan, so the _id shortcut is taken only without one.
  const ids = natural === undefined && hintedIndex === undefined ? idLookupValues(req.filter) : undefined
  if (ids !== undefined) {
    plan = { stage: 'IDHACK', sortProvided: false }
    const seen = new Set<number>()
    for (const v of ids) {
      stats.keysExamined++
      const r = coll.ids.get(keyOf(v))
      if (r !== undefined && !seen.has(r)) {
        seen.add(r)
        consider(r)
      }
    }
    if (ids.length > 1) matched.sort((a, b) => a - b)
  } else {
    const cand = natural !== undefined
      ? undefined
      : hintedIndex !== undefined ? buildCandidate(hintedIndex, extractBounds(req.filter), req.sort) : choosePlan(coll, req)
    if (cand === undefined) {
      plan = { stage: 'COLLSCAN', sortProvided: naturalSort !== undefined }
      const order = natural === -1 ? [...coll.docs.keys()].reverse() : coll.docs.keys()
      for (const r of order) {
        if (consider(r) && ordered && matched.length >= wanted) break
      }
    } else {
      const forward = cand.sortDirection !== -1
      ordered = ordered || cand.sortDirection !== 0
      plan = { stage: 'IXSCAN', indexName: cand.index.name, direction: forward ? 'forward' : 'backward', sortProvided: cand.sortDirection !== 0 }
      const scans = expandScans(cand.bounds)
      const seen = cand.index.multikey ? new Set<number>() : undefined
      for (const e of scanIndex(cand.index, scans, forward, stats)) {
        if (seen !== undefined) {
          if (seen.has(e.r)) continue
          seen.add(e.r)
        }
        if (consider(e.r) && ordered && matched.length >= wanted) break
      }
    }
  }
  let rids = ordered || req.sort === undefined ? matched : sortRecords(coll, matched, req.sort)
  if (skip > 0 || wanted !== Infinity) rids = rids.slice(skip, wanted)
  return { rids, plan, stats }
}
