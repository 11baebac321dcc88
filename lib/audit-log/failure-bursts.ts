// Failed authentications are audited in bursts, not one entry per request (a key-guessing client would
// flood the log): one `auth.failures` entry per key prefix, client IP and minute, with the count.

export interface FailureBurst { keyPrefix: string, ip: string, minute: Date, count: number }

/** How much of a presented key an entry may show: enough to tell keys apart, far too little to use. */
export const KEY_PREFIX_LENGTH = 8

export function keyPrefixOf (presented: string | undefined): string {
  if (presented === undefined || presented === '') return '(none)'
  return presented.slice(0, KEY_PREFIX_LENGTH)
}

function minuteOf (time: Date): number {
  return Math.floor(time.getTime() / 60_000) * 60_000
}

export interface FailureBurstsOptions {
  now?: () => Date
  /** Called once per finished burst. */
  emit: (burst: FailureBurst) => void
  /** Distinct (prefix, IP) pairs counted per minute; past it, failures count under one overflow bucket. */
  maxBuckets?: number
}

export function createFailureBursts ({ now = () => new Date(), emit, maxBuckets = 10_000 }: FailureBurstsOptions) {
  const buckets = new Map<string, FailureBurst>()

  return {
    record (keyPrefix: string, ip: string): void {
      const minute = minuteOf(now())
      let key = `${minute}|${keyPrefix}|${ip}`
      let bucket = buckets.get(key)
      if (bucket === undefined && buckets.size >= maxBuckets) {
        key = `${minute}|(overflow)|(overflow)`
        bucket = buckets.get(key)
        keyPrefix = '(overflow)'
        ip = '(overflow)'
      }
      if (bucket === undefined) {
        bucket = { keyPrefix, ip, minute: new Date(minute), count: 0 }
        buckets.set(key, bucket)
      }
      bucket.count++
    },

    /** Emits the bursts of minutes that are over (all of them with `all`, at shutdown). */
    flush (all = false): number {
      const current = minuteOf(now())
      let emitted = 0
      for (const [key, bucket] of buckets) {
        if (!all && bucket.minute.getTime() >= current) continue
        buckets.delete(key)
        emit(bucket)
        emitted++
      }
      return emitted
    },

    get pending (): number {
      return buckets.size
    }
  }
}

export type FailureBursts = ReturnType<typeof createFailureBursts>
