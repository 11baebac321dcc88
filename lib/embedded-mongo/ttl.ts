// The TTL monitor: removes documents whose TTL-indexed date is older than expireAfterSeconds, walking
// each TTL index from its oldest dates so a sweep touches only expired entries.
import { Bracket, compareValues, type Doc } from './bson-values.js'
import type { Collection } from './collection.js'
import type { Index } from './indexes.js'
import type { EmbeddedMongoLogger } from './options.js'
import type { OpLog, Storage } from './storage.js'

const DATE_START = new Bracket(10, -1)

function expiredRecords (index: Index, cutoff: Date): number[] {
  const out: number[] = []
  if (index.fields[0].dir === 1) {
    const pos = index.entries.seek((e) => compareValues(e.k[0], DATE_START) < 0)
    for (const e of index.entries.from(pos, true)) {
      const v = e.k[0]
      if (!(v instanceof Date) || v.getTime() >= cutoff.getTime()) break
      out.push(e.r)
    }
    return out
  }
  for (const e of index.entries) {
    const v = e.k[0]
    if (v instanceof Date && v.getTime() < cutoff.getTime()) out.push(e.r)
  }
  return out
}

export function sweepExpired (storage: Storage, now: Date, log: OpLog): number {
  let removed = 0
  for (const colls of storage.dbs.values()) {
    for (const coll of [...colls.values()] as Collection[]) {
      for (const index of coll.indexes) {
        const seconds = index.expireAfterSeconds
        if (seconds === undefined) continue
        const cutoff = new Date(now.getTime() - seconds * 1000)
        for (const rid of new Set(expiredRecords(index, cutoff))) {
          if ((coll.docs.get(rid) as Doc | undefined) === undefined) continue
          storage.remove(coll, rid, log)
          removed++
        }
      }
    }
  }
  return removed
}

export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined

  constructor (private readonly storage: Storage, private readonly logger: EmbeddedMongoLogger, private readonly intervalMs: number) {}

  start (): void {
    this.timer = setInterval(() => { this.sweep().catch(() => undefined) }, this.intervalMs)
    this.timer.unref()
  }

  async sweep (): Promise<number> {
    if (this.running !== undefined) await this.running
    const log: OpLog = []
    const removed = sweepExpired(this.storage, new Date(), log)
    if (log.length === 0) return 0
    const p = this.storage.commit(log)
    this.running = p.finally(() => { this.running = undefined })
    try {
      await p
    } catch (err) {
      this.logger.error(`embedded-mongo: TTL sweep could not journal its deletes: ${String(err)}`)
    }
    return removed
  }

  async stop (): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.timer = undefined
    if (this.running !== undefined) await this.running.catch(() => undefined)
  }
}
