import Holidays from 'date-holidays'
import { test } from 'tap'
import { getHolidays, type HolidaysResult } from '../../../lib/assistant/index.js'
import { runTool, valueOf, wallClock } from './tool-harness.js'

const now = new Date('2026-11-25T13:05:09Z')

/** Public holidays straight from date-holidays, deduplicated by date and name. */
function expected (place: [string, string?, string?], year: number, language: string, from: string, to: string): Array<{ date: string, name: string }> {
  const [country, state, region] = place
  const source = state === undefined
    ? new Holidays(country, { types: ['public'] })
    : region === undefined ? new Holidays(country, state, { types: ['public'] }) : new Holidays(country, state, region, { types: ['public'] })
  const seen = new Set<string>()
  return source.getHolidays(year, language)
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }))
    .filter((holiday) => holiday.date >= from && holiday.date <= to)
    .filter((holiday) => !seen.has(`${holiday.date}|${holiday.name}`) && seen.add(`${holiday.date}|${holiday.name}`) !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date))
}

const pick = (result: HolidaysResult): Array<{ date: string, name: string }> => result.holidays.map(({ date, name }) => ({ date, name }))

test('Barcelona resolves to ES/CT (with its local holidays) and lists December in Spanish', async (t) => {
  const result = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'Barcelona', from: '2026-12-01', to: '2026-12-31', language: 'es' }, now))
  t.equal(result.country, 'ES')
  t.equal(result.region, 'CT')
  t.equal(result.city, 'Barcelona')
  t.same(pick(result), expected(['ES', 'CT', result.subregion], 2026, 'es', '2026-12-01', '2026-12-31'))
  t.ok(result.holidays.length > 0)
  t.equal(result.regionName, new Holidays().getStates('ES', 'es').CT)
})

test('region names resolve in English, Spanish and Catalan, and via the region argument', async (t) => {
  for (const args of [{ country: 'Catalonia' }, { country: 'Cataluña' }, { country: 'catalunya' }, { country: 'Spain', region: 'Catalonia' }, { country: 'España', region: 'CT' }, { country: 'es-ct' }]) {
    const result = valueOf<HolidaysResult>(await runTool(getHolidays, { ...args, year: 2026 }, now))
    t.equal(result.country, 'ES', JSON.stringify(args))
    t.equal(result.region, 'CT', JSON.stringify(args))
    t.same(pick(result), expected(['ES', 'CT'], 2026, 'en', '2026-01-01', '2026-12-31'), JSON.stringify(args))
  }
  const bavaria = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'Bavaria', year: 2027 }, now))
  t.same([bavaria.country, bavaria.region], ['DE', 'BY'])
  t.same(pick(bavaria), expected(['DE', 'BY'], 2027, 'en', '2027-01-01', '2027-12-31'))
})

test('a whole year of a country, with the limit and truncation reported', async (t) => {
  const all = expected(['ES'], 2027, 'en', '2027-01-01', '2027-12-31')
  const result = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'Spain', year: 2027 }, now))
  t.same(pick(result), all)
  t.equal(result.total, all.length)
  t.equal(result.truncated, false)
  const limited = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'Spain', year: 2027, limit: 2 }, now))
  t.same(pick(limited), all.slice(0, 2))
  t.equal(limited.total, all.length)
  t.equal(limited.truncated, true)
})

test('"today" is the local date of the place: the next holiday in France, and a range across years', async (t) => {
  const today = wallClock(now, 'Europe/Paris').date
  const next = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'France', from: 'today', limit: 1 }, now))
  const upcoming = [...expected(['FR'], 2026, 'en', today, '2026-12-31'), ...expected(['FR'], 2027, 'en', '2027-01-01', '2027-12-31')]
  t.equal(next.today, today)
  t.same(pick(next), upcoming.slice(0, 1))
  const span = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'FR', from: '2026-12-01', to: '2027-01-31' }, now))
  t.same(pick(span), [...expected(['FR'], 2026, 'en', '2026-12-01', '2026-12-31'), ...expected(['FR'], 2027, 'en', '2027-01-01', '2027-01-31')])
})

test('"today" changes at local midnight, not UTC midnight', async (t) => {
  const lateUtc = new Date('2026-12-24T23:30:00Z')
  const madrid = valueOf<HolidaysResult>(await runTool(getHolidays, { country: 'Spain', from: 'today', to: 'today' }, lateUtc))
  t.equal(madrid.today, wallClock(lateUtc, 'Europe/Madrid').date)
  t.same(pick(madrid), expected(['ES'], 2026, 'en', madrid.today, madrid.today))
  t.ok(madrid.holidays.length > 0, 'Christmas in Madrid while it is still the 24th in UTC')
})

test('every date-holidays country resolves by code, and every state of it by code', async (t) => {
  const catalog = new Holidays()
  let states = 0
  for (const country of Object.keys(catalog.getCountries())) {
    const byCode = await runTool(getHolidays, { country, year: 2026, limit: 1 }, now)
    t.equal(byCode.ok && (byCode.result as HolidaysResult).country, country, country)
    for (const state of Object.keys(catalog.getStates(country) ?? {})) {
      states++
      const result = await runTool(getHolidays, { country, region: state, year: 2026, limit: 1 }, now)
      if (!result.ok || (result.result as HolidaysResult).region !== state) t.fail(`${country}/${state}: ${JSON.stringify(result)}`)
    }
  }
  t.ok(states > 300, `${states} states checked`)
})

test('country names in English and Spanish resolve to their code', async (t) => {
  const catalog = new Holidays()
  const english = new Intl.DisplayNames(['en'], { type: 'region' })
  const spanish = new Intl.DisplayNames(['es'], { type: 'region' })
  for (const code of ['ES', 'FR', 'DE', 'IT', 'PT', 'GB', 'US', 'MX', 'AR', 'JP', 'BR', 'CA', 'AU', 'NL', 'CH']) {
    t.ok(catalog.getCountries()[code], `${code} has data`)
    for (const name of [english.of(code), spanish.of(code)]) {
      const result = await runTool(getHolidays, { country: name, year: 2026, limit: 1 }, now)
      t.equal(result.ok && (result.result as HolidaysResult).country, code, `${name} -> ${code}`)
    }
  }
})

test('unknown places, unknown regions and impossible ranges are explicit errors', async (t) => {
  t.match(await runTool(getHolidays, { country: 'Narnia' }, now), { ok: false, error: /unknown country or place "Narnia"/ })
  t.match(await runTool(getHolidays, { country: 'Spain', region: 'Mordor' }, now), { ok: false, error: /unknown region "Mordor" in Spain; known regions: .*Catalonia \(CT\)/ })
  t.match(await runTool(getHolidays, { country: 'Spain', from: '2026-02-30' }, now), { ok: false, error: /not a real date/ })
  t.match(await runTool(getHolidays, { country: 'Spain', from: '2026-05-01', to: '2026-04-01' }, now), { ok: false, error: /after/ })
  t.match(await runTool(getHolidays, { country: 'Spain', from: '2000-01-01', to: '2030-01-01' }, now), { ok: false, error: /at most 10 years/ })
  t.match(await runTool(getHolidays, { country: 'Spain', from: 'yesterday' }, now), { ok: false, error: /invalid arguments/ })
  t.match(await runTool(getHolidays, { country: 'Spain', limit: 0 }, now), { ok: false, error: /invalid arguments/ })
})
