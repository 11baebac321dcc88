// One full offline Assistant.Reply: engine + offline provider + the real tools, as the JSON route
// runs it. Target: under 1 ms median (the checklist asks for under 100 ms per operation without
// an external API). Run alone with `npx tsx bench/assistant.bench.ts`.

import { pathToFileURL } from 'node:url'
import { builtinTools, createAssistant, createOfflineProvider, heuristicTitle, preloadPlaces } from '../lib/assistant/index.js'
import { median, percentile, printFigures, type BenchFigure, sample } from './index.js'

const WARMUP = 200
const ITERATIONS = 3000

const SCENARIOS = [
  'what time is it in Tokyo',
  'holidays in Spain in December',
  '¿qué hora es en Madrid?',
  'festivos en Cataluña en diciembre',
  'next holiday in France',
  'tell me a joke'
]

export default async function assistantBench (): Promise<void> {
  const clock = (): Date => new Date()
  const assistant = createAssistant({ provider: createOfflineProvider({ clock }), tools: builtinTools(), clock })
  const coldStarted = performance.now()
  preloadPlaces()
  await assistant.reply({ message: SCENARIOS[0] ?? '' })
  const cold = performance.now() - coldStarted

  const figures: BenchFigure[] = [{ name: 'first reply (builds place indexes)', value: cold, unit: 'ms' }]
  const all: number[] = []
  for (const message of SCENARIOS) {
    await sample(() => assistant.reply({ message }), WARMUP)
    const samples = await sample(() => assistant.reply({ message }), ITERATIONS)
    all.push(...samples)
    figures.push({ name: `reply "${message}" median`, value: median(samples), unit: 'ms', target: { label: '< 1 ms', met: (value) => value < 1 } })
    figures.push({ name: `reply "${message}" p95`, value: percentile(samples, 95), unit: 'ms', target: { label: '< 100 ms', met: (value) => value < 100 } })
  }
  figures.push({ name: 'Assistant.Reply (offline, all) median', value: median(all), unit: 'ms', target: { label: '< 1 ms', met: (value) => value < 1 } })
  figures.push({ name: 'Assistant.Reply (offline, all) p95', value: percentile(all, 95), unit: 'ms', target: { label: '< 100 ms/op', met: (value) => value < 100 } })
  const titles = await sample(async () => heuristicTitle('what\'s the time in Tokyo?'), ITERATIONS)
  figures.push({ name: 'offline title median', value: median(titles), unit: 'ms' })
  printFigures(`offline assistant, ${ITERATIONS.toLocaleString('en-US')} replies per question after ${WARMUP} warm-up`, figures)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  assistantBench().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
