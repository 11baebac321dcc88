import { test } from 'tap'
import { getDatetime, type DateTimeResult } from '../../../lib/assistant/index.js'
import { runTool, valueOf, wallClock } from './tool-harness.js'

const winter = new Date('2026-11-25T13:05:09Z')
const summer = new Date('2026-07-04T23:30:00Z')

const places: Array<[args: Record<string, string>, zone: string]> = [
  [{ location: 'Tokyo' }, 'Asia/Tokyo'],
  [{ location: 'New York' }, 'America/New_York'],
  [{ location: 'Nueva York' }, 'America/New_York'],
  [{ location: 'Madrid' }, 'Europe/Madrid'],
  [{ location: 'Barcelona' }, 'Europe/Madrid'],
  [{ location: 'London' }, 'Europe/London'],
  [{ location: 'London, Canada' }, 'America/Toronto'],
  [{ location: 'Sydney' }, 'Australia/Sydney'],
  [{ location: 'Japan' }, 'Asia/Tokyo'],
  [{ location: 'Japón' }, 'Asia/Tokyo'],
  [{ location: 'Catalonia' }, 'Europe/Madrid'],
  [{ timezone: 'Asia/Kolkata' }, 'Asia/Kolkata'],
  [{ timezone: 'america/los_angeles' }, 'America/Los_Angeles'],
  [{ timezone: 'PST' }, 'America/Los_Angeles'],
  [{ timezone: 'UTC' }, 'UTC']
]

for (const instant of [winter, summer]) {
  for (const [args, zone] of places) {
    test(`${JSON.stringify(args)} at ${instant.toISOString()} gives the wall clock of ${zone}`, async (t) => {
      const result = valueOf<DateTimeResult>(await runTool(getDatetime, args, instant))
      const expected = wallClock(instant, zone)
      t.equal(result.timeZone, zone)
      t.equal(result.date, expected.date)
      t.equal(result.time, expected.time)
      t.equal(result.weekday, expected.weekday)
      t.equal(result.utcOffset, expected.offset)
      t.equal(result.utc, instant.toISOString())
      t.equal(new Date(result.iso).getTime(), Math.floor(instant.getTime() / 1000) * 1000, 'iso is the same instant')
    })
  }
}

test('fixed offsets, including half hours, shift UTC by that much', async (t) => {
  for (const [text, minutes] of [['UTC+2', 120], ['utc +5:30', 330], ['GMT-03:00', -180], ['UTC-9:30', -570]] as const) {
    const result = valueOf<DateTimeResult>(await runTool(getDatetime, { timezone: text }, winter))
    const shifted = wallClock(new Date(winter.getTime() + minutes * 60_000), 'UTC')
    t.equal(result.date, shifted.date, text)
    t.equal(result.time, shifted.time, text)
    t.equal(result.weekday, shifted.weekday, text)
    const sign = minutes < 0 ? '-' : '+'
    const abs = Math.abs(minutes)
    t.equal(result.utcOffset, `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`, text)
  }
})

test('without arguments it answers for UTC', async (t) => {
  const result = valueOf<DateTimeResult>(await runTool(getDatetime, {}, winter))
  t.equal(result.timeZone, 'UTC')
  t.equal(result.time, wallClock(winter, 'UTC').time)
})

test('a country with several zones says which one it used', async (t) => {
  const result = valueOf<DateTimeResult>(await runTool(getDatetime, { location: 'United States' }, winter))
  t.equal(result.countryCode, 'US')
  t.match(result.note, /several time zones/)
  t.equal(result.time, wallClock(winter, result.timeZone).time)
})

test('an unknown place is an explicit error naming it', async (t) => {
  const result = await runTool(getDatetime, { location: 'Atlantis' }, winter)
  t.equal(result.ok, false)
  t.match(result, { error: /unknown place or time zone "Atlantis"/ })
  for (const bad of ['UTC+15', 'Mars/Olympus_Mons', 'UTC+2:75']) {
    t.equal((await runTool(getDatetime, { timezone: bad }, winter)).ok, false, bad)
  }
})

test('arguments are validated against the schema', async (t) => {
  t.match(await runTool(getDatetime, { location: 42 }, winter), { ok: false, error: /invalid arguments/ })
  t.match(await runTool(getDatetime, { city: 'Tokyo' }, winter), { ok: false, error: /invalid arguments/ })
  t.match(await runTool(getDatetime, { location: '' }, winter), { ok: false, error: /invalid arguments/ })
})
