// get_weather through a registry (arguments validated as in production) over a scripted weather client:
// a report is returned as it came, "not found" and "unavailable" are explicit failures, and the tool's
// signal reaches the client so a cancelled reply stops the lookup.

import { test } from 'tap'
import { createGetWeather, WEATHER_UNAVAILABLE, type ToolResult, type WeatherLookup } from '../../../lib/assistant/index.js'
import type { WeatherOutcome, WeatherQuery, WeatherReport } from '../../../lib/weather/index.js'
import { runTool } from './tool-harness.js'

const REPORT: WeatherReport = {
  location: { name: 'Oslo', country: 'Norway', latitude: 59.91, longitude: 10.75, timeZone: 'Europe/Oslo' },
  units: 'metric',
  current: { temperature: -2.5, description: 'light snow' },
  daily: [{ date: '2026-11-25', min: -5, max: 0, description: 'light snow' }],
  source: 'open-meteo',
  fetchedAt: '2026-11-25T13:00:00.000Z'
}

function client (outcome: WeatherOutcome): WeatherLookup & { queries: WeatherQuery[], signals: Array<AbortSignal | undefined> } {
  const queries: WeatherQuery[] = []
  const signals: Array<AbortSignal | undefined> = []
  return {
    queries,
    signals,
    lookup: async (query, signal) => { queries.push(query); signals.push(signal); return outcome }
  }
}

const now = new Date('2026-11-25T13:05:09Z')

test('a report comes back as the client gave it, for the arguments the model sent', async (t) => {
  const weather = client({ status: 'ok', report: REPORT })
  const result = await runTool(createGetWeather(weather), { location: 'Oslo', days: 2, language: 'es' }, now)
  t.same(result, { ok: true, result: REPORT })
  t.same(weather.queries, [{ location: 'Oslo', days: 2, language: 'es' }])
  t.ok(weather.signals[0] instanceof AbortSignal, 'the tool\'s signal reaches the client')
})

test('an unknown place and an unavailable service are explicit failures, with nothing else in them', async (t) => {
  const notFound = await runTool(createGetWeather(client({ status: 'not_found', location: 'Atlantis' })), { location: 'Atlantis' }, now)
  t.same(notFound, { ok: false, error: 'unknown place "Atlantis": no city or place by that name was found' })
  const down: ToolResult = await runTool(createGetWeather(client({ status: 'unavailable', reason: 'circuit_open', message: 'calls are paused' })), { location: 'Oslo' }, now)
  t.same(down, { ok: false, error: `${WEATHER_UNAVAILABLE}: calls are paused` })
})

test('arguments outside the schema never reach the client', async (t) => {
  const weather = client({ status: 'ok', report: REPORT })
  const tool = createGetWeather(weather)
  for (const args of [{}, { location: '' }, { location: 'Oslo', days: 8 }, { location: 'Oslo', days: 0 }, { location: 'Oslo', units: 'imperial' }, { location: 'Oslo', language: 'spanish' }]) {
    const result = await runTool(tool, args, now)
    t.equal(result.ok, false, JSON.stringify(args))
  }
  t.same(weather.queries, [])
})
