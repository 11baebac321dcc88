// What a reliability suite did, written where `npm run test:reliability` gathers it into docs/reliability.md.
// Each suite records one row per scenario with the figures the issue asks for; a suite that did not run
// (a binary missing) records nothing, so the table never shows figures nobody measured.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const RELIABILITY_RESULTS_DIR = join(import.meta.dirname, '..', '..', '.reliability')

export interface ReliabilityRow {
  /** The suite's file name without directories or extension, e.g. `redis-faults`. */
  suite: string
  /** What was done, in a few words: "Redis SIGKILLed under 20 req/s of chat and list, restarted". */
  scenario: string
  requests: number
  faults: number
  /** Requests the scenario expected to succeed that did not. */
  failures: number
  /** Acknowledged messages (2xx or a `done` event) missing from the database afterwards. */
  lost: number
  /** Messages stored more than once. */
  duplicates: number
  /** Responses with a 5xx status that the scenario did not expect (a 503 during a declared outage is expected). */
  unexpected5xx: number
  /** Requests that had no answer within the scenario's bound. */
  hung: number
  /** Requests that got data or an action they were not entitled to. */
  bypasses: number
  /** Anything else worth a reader's attention, e.g. "p99 of others 12 ms during the attack". */
  notes?: string
}

/** Writes one row; rows of one suite are kept apart by scenario so reruns overwrite instead of duplicating. */
export async function recordReliability (row: ReliabilityRow): Promise<void> {
  await mkdir(RELIABILITY_RESULTS_DIR, { recursive: true })
  const file = `${row.suite}--${row.scenario.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60)}.json`
  await writeFile(join(RELIABILITY_RESULTS_DIR, file), JSON.stringify({ ...row, recordedAt: new Date().toISOString() }, null, 2) + '\n')
}
