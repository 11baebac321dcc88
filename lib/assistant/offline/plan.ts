// Which tool calls answer a parsed question (one per place, run in parallel by the engine).

import { resolveZone } from '../places.js'
import { lastDayOfMonth } from '../zoned-time.js'
import type { HolidayWhen, ParsedMessage } from './intent.js'

export interface PlannedCall {
  name: string
  arguments: Record<string, unknown>
}

const UPCOMING_LIMIT = 10

function holidayRange (when: HolidayWhen): Record<string, unknown> {
  switch (when.type) {
    case 'month': {
      const month = String(when.month).padStart(2, '0')
      return { from: `${when.year}-${month}-01`, to: `${when.year}-${month}-${lastDayOfMonth(when.year, when.month)}` }
    }
    case 'year':
      return { year: when.year }
    case 'next':
      return { from: 'today', limit: when.count }
    case 'day': {
      const day = when.offset === 0 ? 'today' : 'tomorrow'
      return { from: day, to: day }
    }
    case 'upcoming':
      return { from: 'today', limit: UPCOMING_LIMIT }
  }
}

export function planToolCalls (parsed: ParsedMessage, available: ReadonlySet<string>): PlannedCall[] {
  const { intent, language } = parsed
  switch (intent.kind) {
    case 'datetime':
      if (!available.has('get_datetime')) return []
      if (intent.places.length === 0) return [{ name: 'get_datetime', arguments: {} }]
      return intent.places.map((place) => {
        const source = resolveZone(place.text)?.source
        const key = source === 'zone' || source === 'offset' ? 'timezone' : 'location'
        return { name: 'get_datetime', arguments: { [key]: place.text } }
      })
    case 'holidays':
      if (!available.has('get_holidays')) return []
      return intent.places.map((place) => ({
        name: 'get_holidays',
        arguments: { country: place.text, language, ...holidayRange(intent.when) }
      }))
    case 'weather':
      if (!available.has('get_weather')) return []
      return intent.places.map((place) => ({ name: 'get_weather', arguments: { location: place.text, days: intent.days, language } }))
    default:
      return []
  }
}
