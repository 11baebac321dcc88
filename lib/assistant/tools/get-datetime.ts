// get_datetime: the current date, time, weekday and UTC offset in a time zone, found from an IANA
// name, an offset, a city, a country or a region (lib/assistant/places.ts).

import Type from 'typebox'
import { resolveZone } from '../places.js'
import { formatOffset, isoDateOf, zonedParts } from '../zoned-time.js'
import { defineTool, ToolError } from './tool.js'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

export interface DateTimeResult {
  /** English label of what was resolved: "Tokyo, Japan", "Spain", "UTC+02:00" */
  location: string
  timeZone: string
  countryCode?: string
  note?: string
  /** local calendar date, YYYY-MM-DD */
  date: string
  /** local time, HH:mm (24 h) */
  time: string
  weekday: typeof WEEKDAYS[number]
  /** "+09:00" */
  utcOffset: string
  /** local date-time with offset, e.g. 2026-11-25T23:05:09+09:00 */
  iso: string
  /** the same instant in UTC */
  utc: string
}

const Parameters = Type.Object({
  timezone: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'IANA time zone ("Asia/Tokyo"), abbreviation ("PST") or UTC offset ("UTC+2")'
  })),
  location: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'City, country or region ("Tokyo", "New York", "Spain", "Catalonia")'
  }))
}, { additionalProperties: false })

const pad = (value: number): string => String(value).padStart(2, '0')

export const getDatetime = defineTool({
  name: 'get_datetime',
  description: 'Current date, time, weekday and UTC offset in a time zone or place. Without arguments it answers for UTC.',
  parameters: Parameters,
  execute (args, ctx): DateTimeResult {
    const query = args.timezone ?? args.location ?? 'UTC'
    const place = resolveZone(query)
    if (place === undefined) {
      throw new ToolError(`unknown place or time zone "${query}": give a city ("Tokyo"), a country, an IANA zone ("Asia/Tokyo") or an offset ("UTC+2")`)
    }
    const now = ctx.clock()
    const parts = zonedParts(now, place.timeZone)
    const date = isoDateOf(parts)
    const time = `${pad(parts.hour)}:${pad(parts.minute)}`
    const utcOffset = formatOffset(parts.offsetMinutes)
    const result: DateTimeResult = {
      location: place.label,
      timeZone: place.timeZone,
      date,
      time,
      weekday: WEEKDAYS[parts.weekday] ?? 'Sunday',
      utcOffset,
      iso: `${date}T${time}:${pad(parts.second)}${utcOffset}`,
      utc: now.toISOString()
    }
    if (place.countryCode !== undefined) result.countryCode = place.countryCode
    if (place.note !== undefined) result.note = place.note
    return result
  }
})
