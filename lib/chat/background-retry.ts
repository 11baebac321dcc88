import { ExponentialBackoff, handleAll, retry } from 'cockatiel'
import type { StoreFailureOperation, StoreFailureReporter } from './ports.js'

// Storage writes that must land eventually but must not hold up (or fail) the response they follow:
// releasing an idempotency record or a reply claim after a MongoDB blip. Left undone, every retry within
// the lock would get 409 until the lock expired; retried here with jittered backoff, the write lands
// within a few seconds of MongoDB's return, so the client's next retry finds the record released.

export interface BackgroundRetry {
  /**
   * Runs `write` now; when it fails, reports the failure and retries it in the background until it lands,
   * gives up or the retrier closes. Resolves once the first attempt settled; never rejects.
   */
  settle (operation: StoreFailureOperation, write: () => Promise<unknown>): Promise<void>
  /** Stops every pending retry (the app is closing). */
  close (): void
}

export interface BackgroundRetryOptions {
  /** Logs and counts each failure; `gaveUp` on the last one. */
  onFailure?: StoreFailureReporter
  /** Attempts after the first. Default 40: about two minutes at the capped delay, inside the locks it frees. */
  maxAttempts?: number
  initialDelayMs?: number
  maxDelayMs?: number
}

export function createBackgroundRetry ({ onFailure, maxAttempts = 40, initialDelayMs = 100, maxDelayMs = 3000 }: BackgroundRetryOptions = {}): BackgroundRetry {
  // Unreferenced timers: a pending retry never keeps the process alive on its own.
  const policy = retry(handleAll, { maxAttempts, backoff: new ExponentialBackoff({ initialDelay: initialDelayMs, maxDelay: maxDelayMs }) }).dangerouslyUnref()
  const closing = new AbortController()

  function inBackground (operation: StoreFailureOperation, write: () => Promise<unknown>): void {
    policy.execute(({ signal }) => {
      if (signal.aborted) throw new Error('the app is closing')
      return write()
    }, closing.signal).catch((err: unknown) => {
      if (!closing.signal.aborted) onFailure?.(operation, err, { gaveUp: true })
    })
  }

  return {
    async settle (operation, write) {
      try {
        await write()
      } catch (err) {
        onFailure?.(operation, err, { gaveUp: false })
        inBackground(operation, write)
      }
    },
    close () {
      closing.abort()
    }
  }
}
