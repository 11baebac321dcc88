// Wall-clock arithmetic in IANA zones and fixed UTC offsets with Intl only (no date library).
// Fixed offsets are named "UTC+05:30" because Intl in Node 20 rejects offset time zones.

export interface ZonedParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number
  /** minutes east of UTC */
  offsetMinutes: number
}

const FIXED_OFFSET = /^UTC([+-])(\d{2}):(\d{2})$/
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formatters = new Map<string, Intl.DateTimeFormat>()

function partsFormatter (timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short'
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Minutes east of UTC for a "UTC+05:30" zone name, undefined for anything else. */
export function fixedOffsetMinutes (zone: string): number | undefined {
  const match = FIXED_OFFSET.exec(zone)
  if (match === null) return undefined
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** "+09:00" style offset; zero is "+00:00". */
export function formatOffset (minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The zone name used for a fixed offset ("UTC" for zero). */
export function fixedOffsetZone (minutes: number): string {
  return minutes === 0 ? 'UTC' : `UTC${formatOffset(minutes)}`
}

/** True when Intl (or the fixed-offset convention) accepts the zone. */
export function isValidZone (zone: string): boolean {
  if (fixedOffsetMinutes(zone) !== undefined) return true
  try {
    partsFormatter(zone)
    return true
  } catch {
    return false
  }
}

export function zonedParts (instant: Date, zone: string): ZonedParts {
  const fixed = fixedOffsetMinutes(zone)
  if (fixed !== undefined) {
    const shifted = new Date(instant.getTime() + fixed * 60_000)
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      weekday: shifted.getUTCDay(),
      offsetMinutes: fixed
    }
  }
  const values: Record<string, string> = {}
  for (const part of partsFormatter(zone).formatToParts(instant)) values[part.type] = part.value
  const year = Number(values.year)
  const month = Number(values.month)
  const day = Number(values.day)
  const hour = Number(values.hour)
  const minute = Number(values.minute)
  const second = Number(values.second)
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  const instantSeconds = Math.floor(instant.getTime() / 1000) * 1000
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: WEEKDAYS.indexOf(values.weekday ?? ''),
    offsetMinutes: Math.round((wallAsUtc - instantSeconds) / 60_000)
  }
}

export function isoDateOf (parts: { year: number, month: number, day: number }): string {
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`
}

/** The calendar date "days" after an ISO date (negative goes back). */
export function addDaysIso (isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days))
  return isoDateOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() })
}

/** Midnight UTC of an ISO date: a Date for formatting a calendar day with `timeZone: 'UTC'`. */
export function utcDateOf (isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1))
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate (text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  return addDaysIso(text, 0) === text
}

export function lastDayOfMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
