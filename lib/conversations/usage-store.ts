import type { Db } from 'mongodb'
import type { MessageUsage } from './types.js'

// Token usage per API key per UTC day (DESIGN.md 3.5 `GET /v1/usage`): one small document per key and day,
// incremented atomically by every model call made for that key, so reading a month is reading thirty
// documents instead of aggregating every message.

export interface UsageDoc {
  /** `${ownerId}:${day}` */
  _id: string
  ownerId: string
  /** YYYY-MM-DD (UTC) */
  day: string
  promptTokens: number
  completionTokens: number
  /** replies and summary requests that used the model */
  requests: number
}

export interface UsageDay { day: string, promptTokens: number, completionTokens: number, totalTokens: number, requests: number }

export interface UsageStore {
  record (ownerId: string, at: Date, usage: MessageUsage, requests?: number): Promise<void>
  /** Days from `fromDay` (inclusive, YYYY-MM-DD) on, newest first. */
  days (ownerId: string, fromDay: string): Promise<UsageDay[]>
}

export function utcDay (at: Date): string {
  return at.toISOString().slice(0, 10)
}

export function usageCollection (db: Db) {
  return db.collection<UsageDoc>('usage')
}

export function createUsageStore (db: Db): UsageStore {
  const usage = usageCollection(db)
  return {
    async record (ownerId, at, { promptTokens, completionTokens }, requests = 1) {
      const day = utcDay(at)
      await usage.updateOne(
        { _id: `${ownerId}:${day}` },
        { $set: { ownerId, day }, $inc: { promptTokens, completionTokens, requests } },
        { upsert: true }
      )
    },

    async days (ownerId, fromDay) {
      const rows = await usage.find({ ownerId, day: { $gte: fromDay } }).sort({ day: -1 }).toArray()
      return rows.map(({ day, promptTokens, completionTokens, requests }) => ({
        day, promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, requests
      }))
    }
  }
}
