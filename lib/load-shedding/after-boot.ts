// Start-up and load shedding. The app's boot blocks the event loop (module loading, migrations) while the
// load shedder already samples it. A block longer than one sample interval leaves, on Node 24, a sample
// with no measurement at all, which @fastify/under-pressure reads as an infinite delay: the first second
// after listening was answered 503 (measured: 16-73 of 200 requests right after start-up). Before it
// listens, the server waits for a sample taken after the boot, and for the shedder to be relieved.

export interface AfterBootOptions {
  /** The longest event-loop block seen during the boot, in milliseconds. */
  longestBlockMs: number
  /** How often the load shedder samples (PRESSURE_SAMPLE_INTERVAL_MS). */
  sampleIntervalMs: number
  underPressure: () => boolean
  sleep: (ms: number) => Promise<void>
}

/**
 * Resolves once listening cannot meet a shedder still judging the boot: at once when no block lasted a
 * sample interval; otherwise after one more sample, then while under pressure, for at most three intervals
 * (real pressure, heap say, is not the boot's, and the server must not wait for ever). Returns the wait.
 */
export async function afterBootPressure ({ longestBlockMs, sampleIntervalMs, underPressure, sleep }: AfterBootOptions): Promise<number> {
  if (longestBlockMs < sampleIntervalMs) return 0
  const step = Math.max(10, Math.floor(sampleIntervalMs / 10))
  let waited = sampleIntervalMs + step
  await sleep(waited)
  while (underPressure() && waited < 3 * sampleIntervalMs) {
    await sleep(step)
    waited += step
  }
  return waited
}
