import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { ConflictError, UnprocessableError } from '../errors/catalogue.js'
import { idempotencyRecordId, type IdempotencyStore } from '../conversations/index.js'
import type { BackgroundRetry } from './background-retry.js'

export interface IdempotentRequest {
  ownerId: string
  /** The client's Idempotency-Key. */
  key: string
  /** Identifies the request (route + parameters + body): the same key with another hash is a 422. */
  requestHash: string
}

export interface AttemptContext {
  /** What an earlier failed attempt saved with `checkpoint`. */
  progress?: Record<string, unknown>
  checkpoint (progress: Record<string, unknown>): Promise<void>
}

export interface Outcome<T> { status: number, body: T }

export interface IdempotencyRunner {
  /**
   * Runs `execute` at most once per key and request: a retry gets the stored outcome (`replayed`), a
   * concurrent duplicate waits for the first to finish. Failures are not stored; the next retry runs
   * again, resuming from the last checkpoint.
   */
  run<T> (request: IdempotentRequest, execute: (ctx: AttemptContext) => Promise<Outcome<T>>): Promise<Outcome<T> & { replayed: boolean }>
}

export interface IdempotencyRunnerOptions {
  store: IdempotencyStore
  /** Finishes a record write that failed after the attempt (so a retry is never stuck on its lock). */
  background: BackgroundRetry
  /** How long a duplicate waits for the request holding the key before answering 409. */
  waitMs?: number
  pollMs?: number
}

function canonical (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]))
  }
  return value
}

/** sha256 of the request's identifying parts, insensitive to JSON key order. */
export function requestHash (parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(parts)) ?? 'null').digest('hex')
}

export function createIdempotencyRunner ({ store, background, waitMs = 10_000, pollMs = 25 }: IdempotencyRunnerOptions): IdempotencyRunner {
  return {
    async run<T> (request: IdempotentRequest, execute: (ctx: AttemptContext) => Promise<Outcome<T>>) {
      const id = idempotencyRecordId(request.ownerId, request.key)
      const deadline = Date.now() + waitMs
      let delay = pollMs
      for (;;) {
        const claim = await store.claim(id, request.requestHash)
        if (claim.kind === 'mismatch') throw new UnprocessableError('This Idempotency-Key was already used with a different request')
        // The stored body is the JSON this same request produced, so it has the route's response shape.
        if (claim.kind === 'done') return { status: claim.status, body: claim.response as T, replayed: true }
        if (claim.kind === 'claimed') {
          const ctx: AttemptContext = { checkpoint: (progress) => store.checkpoint(id, progress) }
          if (claim.progress !== undefined) ctx.progress = claim.progress
          let outcome: Outcome<T>
          try {
            outcome = await execute(ctx)
          } catch (err) {
            // Not part of the answer: a failed write is retried in the background (a retry with the key
            // waits for it, up to waitMs, instead of being refused for the lock's whole lifetime).
            await background.settle('idempotency.fail', () => store.fail(id))
            throw err
          }
          const { status, body } = outcome
          // The reply is stored and goes out even when recording it fails; the record follows.
          await background.settle('idempotency.complete', () => store.complete(id, status, body))
          return { ...outcome, replayed: false }
        }
        if (Date.now() + delay > deadline) throw new ConflictError('A request with this Idempotency-Key is still in progress')
        await sleep(delay)
        delay = Math.min(delay * 2, 250)
      }
    }
  }
}
