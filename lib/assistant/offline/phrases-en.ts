// English wording of the offline assistant.

import { temperatureRange, type Phrasebook, type TimeView, type WeatherLine } from './phrases.js'

const capabilities = (weather: boolean): string =>
  `the current time and date anywhere, time zones${weather ? ', public holidays and the weather' : ' and public holidays'}`

/** " (time zone Asia/Tokyo, UTC+09:00)", shortened when the place already is the zone. */
function zoneNote (view: TimeView): string {
  if (view.place !== view.zone) return ` (time zone ${view.zone}, UTC${view.offset})`
  return view.zone.startsWith('UTC') ? '' : ` (UTC${view.offset})`
}

function weatherLine (line: WeatherLine, unit: 'C' | 'F'): string {
  const parts = [temperatureRange(line.min, line.max, unit, ''), line.description]
  if (line.precipitationProbability !== undefined) parts.push(`${Math.round(line.precipitationProbability)}% chance of rain`)
  return `- ${line.label}: ${parts.filter((part) => part !== undefined).join(', ') || 'no details'}`
}

export const english: Phrasebook = {
  hello: 'Hi!',
  greeting: (weather) => `Hello! I can tell you ${capabilities(weather)}. Try “what time is it in Tokyo?” or “next holiday in France”.`,
  help: (weather) => [
    `I'm the offline assistant: I can tell you ${capabilities(weather)}, in English or Spanish. For example:`,
    '- “What time is it in New York?”',
    '- “What day is it tomorrow in Sydney?”',
    '- “Public holidays in Catalonia in December”',
    '- “Next holiday in France”',
    ...(weather ? ['- “Weather in Barcelona tomorrow”'] : []),
    'Other questions need a language model configured (LLM_API_KEY).'
  ].join('\n'),
  thanks: 'You\'re welcome! Anything else about times, dates or holidays?',
  noModel: (weather) => `I'm running without a language model, so I can only help with ${capabilities(weather)}. General questions need a language model configured (set LLM_API_KEY).`,
  time: (view) => view.place === undefined
    ? `It's ${view.time} UTC on ${view.date}. Tell me a city for its local time, e.g. “what time is it in Tokyo?”.`
    : `In ${view.place} it's ${view.time} on ${view.date}${zoneNote(view)}.${view.severalZones ? ' It has several time zones; this is the one of its largest city.' : ''}`,
  date: (view) => {
    const day = view.dayOffset === 0 ? 'today is' : view.dayOffset === 1 ? 'tomorrow is' : view.dayOffset === 2 ? 'the day after tomorrow is' : view.dayOffset === -1 ? 'yesterday was' : 'the day before yesterday was'
    const sentence = `${day.charAt(0).toUpperCase()}${day.slice(1)} ${view.date}`
    return view.place === undefined ? `${sentence} (UTC).` : `In ${view.place} ${day} ${view.date}.${view.severalZones ? ' It has several time zones; this is the one of its largest city.' : ''}`
  },
  zone: (view) => view.place === view.zone
    ? `${view.zone} is currently UTC${view.offset}; the local time there is ${view.time}.`
    : `${view.place} is in the time zone ${view.zone}, currently UTC${view.offset}; the local time there is ${view.time}.`,
  unknownPlace: (place) => `I don't know the place “${place}”. Try a city, a country or a time zone such as Asia/Tokyo.`,
  unknownHolidayPlace: (place) => `I don't have public holiday data for “${place}”. Try a country or a region, e.g. “Spain” or “Catalonia”.`,
  toolFailed: (error) => `I couldn't look that up: ${error}.`,
  toolMissing: 'That tool isn\'t available right now, so I can\'t answer this reliably.',
  askHolidayPlace: 'Which country or region? For example: “public holidays in Spain in December” or “next holiday in France”.',
  holidays: (view) => {
    const lines = view.items.map((item) => `- ${item.date}: ${item.name}`)
    if (view.more > 0) lines.push(`…and ${view.more} more.`)
    const list = lines.join('\n')
    switch (view.when.type) {
      case 'day': {
        const which = view.when.offset === 0 ? 'today' : 'tomorrow'
        const first = view.items[0]
        return first === undefined
          ? `No, ${which} (${view.day}) is not a public holiday in ${view.place}.`
          : `Yes, ${which} (${view.day}) is a public holiday in ${view.place}: ${view.items.map((item) => item.name).join(', ')}.`
      }
      case 'next': {
        const first = view.items[0]
        if (first === undefined) return `I found no public holidays in ${view.place} in the next twelve months.`
        if (view.when.count === 1) return `The next public holiday in ${view.place} is ${first.name}, on ${first.date}.`
        return `The next ${view.items.length} public holidays in ${view.place}:\n${list}`
      }
      case 'upcoming':
        return view.items.length === 0
          ? `I found no public holidays in ${view.place} in the next twelve months.`
          : `Upcoming public holidays in ${view.place}:\n${list}`
      default:
        return view.items.length === 0
          ? `There are no public holidays in ${view.place} in ${view.period}.`
          : `Public holidays in ${view.place} in ${view.period}:\n${list}`
    }
  },
  askWeatherPlace: 'Which city? For example: “weather in Barcelona tomorrow”.',
  weatherNotConfigured: 'I can\'t check the weather: no weather service is configured here, and I won\'t guess. I can tell you the time anywhere and public holidays.',
  weatherUnavailable: (place, reason) => `The weather for ${place} is unavailable right now (${reason}); I won't guess it. Please try again in a little while.`,
  unknownWeatherPlace: (place) => `I couldn't find a place called “${place}”, so I can't tell you its weather. Try a city name, e.g. “weather in Paris”.`,
  weather: (view) => {
    const lines = [`Weather in ${view.place}:`]
    const current = view.current
    if (current !== undefined && (current.temperature !== undefined || current.description !== undefined)) {
      const parts = [temperatureRange(undefined, current.temperature, view.unit, ''), current.description].filter((part) => part !== undefined)
      lines.push(`- Now: ${parts.join(', ')}`)
    }
    for (const day of view.days) lines.push(weatherLine(day, view.unit))
    return lines.join('\n')
  },
  weatherUnreadable: (place) => `The weather service answered for ${place}, but not in a form I can read, so I won't guess.`,
  today: 'Today',
  tomorrow: 'Tomorrow'
}
