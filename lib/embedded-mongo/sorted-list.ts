// An ordered multiset kept as a list of bounded chunks: O(log n) search and O(sqrt n)-ish inserts and
// deletes without the O(n) memmove a single sorted array pays on every insert into a large index.
export interface Position { chunk: number, index: number }

const MAX_CHUNK = 128

export class SortedList<T> {
  private chunks: T[][] = []
  private count = 0

  constructor (private readonly cmp: (a: T, b: T) => number) {}

  get size (): number {
    return this.count
  }

  clear (): void {
    this.chunks = []
    this.count = 0
  }

  // First position whose element is not `before` (before must be true for a prefix of the list).
  seek (before: (x: T) => boolean): Position {
    const chunks = this.chunks
    let lo = 0
    let hi = chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = chunks[mid]
      if (before(c[c.length - 1])) lo = mid + 1
      else hi = mid
    }
    if (lo === chunks.length) return { chunk: lo, index: 0 }
    const c = chunks[lo]
    let a = 0
    let b = c.length
    while (a < b) {
      const mid = (a + b) >>> 1
      if (before(c[mid])) a = mid + 1
      else b = mid
    }
    return { chunk: lo, index: a }
  }

  insert (x: T): void {
    const cmp = this.cmp
    if (this.chunks.length === 0) {
      this.chunks.push([x])
      this.count = 1
      return
    }
    const last = this.chunks[this.chunks.length - 1]
    let pos: Position
    if (cmp(last[last.length - 1], x) <= 0) pos = { chunk: this.chunks.length - 1, index: last.length }
    else {
      pos = this.seek((y) => cmp(y, x) <= 0)
      if (pos.chunk === this.chunks.length) pos = { chunk: pos.chunk - 1, index: this.chunks[pos.chunk - 1].length }
    }
    const chunk = this.chunks[pos.chunk]
    chunk.splice(pos.index, 0, x)
    this.count++
    if (chunk.length > MAX_CHUNK * 2) {
      this.chunks.splice(pos.chunk + 1, 0, chunk.splice(MAX_CHUNK))
    }
  }

  // Removes one element comparing equal to x; returns whether one was found.
  delete (x: T): boolean {
    const cmp = this.cmp
    const pos = this.seek((y) => cmp(y, x) < 0)
    if (pos.chunk >= this.chunks.length) return false
    const chunk = this.chunks[pos.chunk]
    if (pos.index >= chunk.length || cmp(chunk[pos.index], x) !== 0) return false
    chunk.splice(pos.index, 1)
    this.count--
    if (chunk.length === 0) this.chunks.splice(pos.chunk, 1)
    return true
  }

  at (pos: Position): T | undefined {
    return this.chunks[pos.chunk]?.[pos.index]
  }

  // Iterates forward from pos (inclusive) or backward from the element just before pos.
  * from (pos: Position, forward: boolean): Generator<T> {
    const chunks = this.chunks
    if (forward) {
      let { chunk: c, index: i } = pos
      while (c < chunks.length) {
        const ch = chunks[c]
        while (i < ch.length) yield ch[i++]
        c++
        i = 0
      }
      return
    }
    let c = pos.chunk
    let i = pos.index - 1
    if (c >= chunks.length) {
      c = chunks.length - 1
      i = c >= 0 ? chunks[c].length - 1 : -1
    }
    while (c >= 0) {
      const ch = chunks[c]
      while (i >= 0) yield ch[i--]
      c--
      if (c >= 0) i = chunks[c].length - 1
    }
  }

  * [Symbol.iterator] (): Generator<T> {
    for (const ch of this.chunks) yield * ch
  }
}
