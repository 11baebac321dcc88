// `npm run bench`: runs every bench/*.bench.ts in turn, or only those whose names start with the
// arguments (`npm run bench -- embedded-mongo`). A bench module's default export is an async function
// that measures and prints its own figures, usually with `printFigures`. Benches run one after another
// so they do not compete for the CPU.
import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface BenchFigure {
  name: string
  value: number
  unit: string
  // Shown next to the figure; a figure without a target is informational.
  target?: { label: string, met: (value: number) => boolean }
}

/** Runs `run` `iterations` times in a row and returns each call's duration in milliseconds. */
export async function sample (run: () => unknown, iterations: number): Promise<number[]> {
  const samples: number[] = []
  for (let index = 0; index < iterations; index++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return samples
}

export function median (samples: number[]): number {
  return percentile(samples, 50)
}

export function percentile (samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

function formatValue (value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(3)
}

export function formatFigures (title: string, figures: BenchFigure[]): string {
  const rows = figures.map((figure) => [
    figure.name,
    `${formatValue(figure.value)} ${figure.unit}`,
    figure.target?.label ?? '',
    figure.target === undefined ? '' : figure.target.met(figure.value) ? 'PASS' : 'MISS'
  ])
  const header = ['figure', 'measured', 'target', '']
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)))
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n'
}

export function printFigures (title: string, figures: BenchFigure[]): void {
  process.stdout.write(`\n${formatFigures(title, figures)}`)
}

async function main (filters: string[]): Promise<number> {
  const dir = dirname(fileURLToPath(import.meta.url))
  const files = (await readdir(dir))
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.startsWith(filter)))
    .sort()
  if (files.length === 0) {
    process.stderr.write(`no bench/*.bench.ts matches ${filters.join(', ')}\n`)
    return 1
  }
  let failed = 0
  for (const file of files) {
    process.stdout.write(`\n== ${file}\n`)
    const started = performance.now()
    try {
      const mod: { default?: unknown } = await import(pathToFileURL(join(dir, file)).href)
      if (typeof mod.default !== 'function') throw new Error('its default export is not a function')
      await mod.default()
      process.stdout.write(`(${file} took ${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
    } catch (err) {
      failed++
      process.stderr.write(`${file} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
    }
  }
  return failed === 0 ? 0 : 1
}

// Bench modules import the helpers above; only running this file directly runs the benches.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
    process.exitCode = 1
  })
}
