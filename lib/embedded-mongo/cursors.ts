// Open cursors between find/aggregate and getMore. A find cursor holds the matching record ids and
// fetches each document when its batch is built; an aggregate cursor holds computed documents.
import { Long, calculateObjectSize } from 'bson'
import type { Doc } from './bson-values.js'
import { fail } from './errors.js'

const MAX_BATCH_BYTES = 16 * 1024 * 1024
const IDLE_TIMEOUT_MS = 10 * 60 * 1000

export interface CursorSource {
  ns: string
  // Returns the next document, or undefined when exhausted. Documents returned are private copies.
  next (): Doc | undefined
}

interface CursorState { id: bigint, source: CursorSource, lastUsed: number, peeked: Doc | undefined, noTimeout: boolean }

export class CursorRegistry {
  private readonly cursors = new Map<bigint, CursorState>()
  private nextId = BigInt(Date.now()) * 1000n

  get size (): number {
    return this.cursors.size
  }

  private fill (state: CursorState, batchSize: number | undefined): { docs: Doc[], exhausted: boolean } {
    const docs: Doc[] = []
    let bytes = 0
    const max = batchSize === undefined || batchSize < 0 ? Infinity : batchSize
    while (docs.length < max) {
      const doc = state.peeked ?? state.source.next()
      state.peeked = undefined
      if (doc === undefined) return { docs, exhausted: true }
      const size = calculateObjectSize(doc)
      if (docs.length > 0 && bytes + size > MAX_BATCH_BYTES) {
        state.peeked = doc
        return { docs, exhausted: false }
      }
      bytes += size
      docs.push(doc)
    }
    state.peeked = state.source.next()
    return { docs, exhausted: state.peeked === undefined }
  }

  // A batchSize of 0 opens the cursor without returning documents yet, as MongoDB does. A noTimeout
  // cursor (find's noCursorTimeout) stays open however long it idles, until exhausted or killed.
  open (source: CursorSource, batchSize: number | undefined, singleBatch: boolean, noTimeout = false): { id: Long, docs: Doc[] } {
    const state: CursorState = { id: 0n, source, lastUsed: Date.now(), peeked: undefined, noTimeout }
    const { docs, exhausted } = this.fill(state, batchSize)
    if (exhausted || singleBatch) return { id: Long.ZERO, docs }
    state.id = ++this.nextId
    this.cursors.set(state.id, state)
    return { id: Long.fromBigInt(state.id), docs }
  }

  more (id: bigint, ns: string, batchSize: number | undefined): { id: Long, docs: Doc[] } {
    const state = this.cursors.get(id)
    if (state === undefined) fail('CursorNotFound', `cursor id ${id} not found`)
    if (state.source.ns !== ns) fail('Unauthorized', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${state.source.ns}`)
    const { docs, exhausted } = this.fill(state, batchSize)
    if (exhausted) {
      this.cursors.delete(id)
      return { id: Long.ZERO, docs }
    }
    state.lastUsed = Date.now()
    return { id: Long.fromBigInt(id), docs }
  }

  kill (id: bigint): boolean {
    return this.cursors.delete(id)
  }

  killAll (): void {
    this.cursors.clear()
  }

  reapIdle (now = Date.now()): void {
    for (const [id, c] of this.cursors) if (!c.noTimeout && now - c.lastUsed > IDLE_TIMEOUT_MS) this.cursors.delete(id)
  }
}
