// Runs the smoke steps in order and prints one line per step: a check mark and what was seen, or a cross
// and why. Resolves to the process exit code: 0 only when every step passed.
import { SMOKE_STEPS, type SmokeContext, type SmokeStep } from './checks.js'

export async function runSmoke (ctx: Omit<SmokeContext, 'state'>, write: (line: string) => void, steps: SmokeStep[] = SMOKE_STEPS): Promise<number> {
  const context: SmokeContext = { ...ctx, state: {} }
  let failed = 0
  for (const step of steps) {
    try {
      const detail = await step.run(context)
      write(`✓ ${step.name} (${detail})`)
    } catch (err) {
      failed++
      write(`✗ ${step.name}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  write(failed === 0 ? `All ${steps.length} checks passed` : `${failed} of ${steps.length} checks failed`)
  return failed === 0 ? 0 : 1
}
