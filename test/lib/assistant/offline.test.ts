// The offline assistant end to end (engine + offline provider + real tools, fixed clock) against
// English and Spanish phrasings. For each: the tool it must call (or none), the arguments that
// matter, and facts the answer must contain, computed here from Intl, date-holidays or the tool's
// own result: never from the answer's wording.

import Holidays from 'date-holidays'
import { test } from 'tap'
import Type from 'typebox'
import {
  builtinTools, createAssistant, createOfflineProvider, defineTool, ToolError, type AssistantEvent, type Tool
} from '../../../lib/assistant/index.js'

const now = new Date('2026-11-25T13:05:09Z')
const clock = (): Date => now
type Language = 'en' | 'es'
const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-ES' }

interface Recorded {
  name: string
  args: Record<string, unknown>
  result?: unknown
}

function recording (tool: Tool, log: Recorded[]): Tool {
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    async execute (args, ctx) {
      const entry: Recorded = { name: tool.name, args: args as Record<string, unknown> }
      log.push(entry)
      entry.result = await tool.execute(args, ctx)
      return entry.result
    }
  }
}

interface WeatherDay { date: string, min: number, max: number, description: string }
interface WeatherReport { location: { name: string }, current: { temperature: number, description: string }, daily: WeatherDay[] }

const weatherTool = defineTool({
  name: 'get_weather',
  description: 'fake weather',
  parameters: Type.Object({ location: Type.String(), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })) }),
  execute: (args): WeatherReport => {
    if (args.location === 'Oslo') throw new ToolError('weather provider unavailable (circuit open)')
    if (args.location === 'Atlantis') throw new ToolError('unknown place "Atlantis": no city or place by that name was found')
    return {
      location: { name: args.location },
      current: { temperature: 17.6, description: `clear skies over ${args.location}` },
      daily: Array.from({ length: args.days ?? 1 }, (_, index) => ({
        date: `2026-11-${25 + index}`,
        min: 8.2 + index,
        max: 19.7 + index,
        description: `outlook ${index} for ${args.location}`
      }))
    }
  }
})

function assistantWith (tools: Tool[], log: Recorded[]): ReturnType<typeof createAssistant> {
  return createAssistant({ provider: createOfflineProvider({ clock }), tools: tools.map((tool) => recording(tool, log)), clock })
}

// Facts from Intl -------------------------------------------------------------------------------

function clockTime (zone: string, language: Language, at = now): string {
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(at)
}

function longDate (zone: string, language: Language, days = 0): string {
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone: zone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })
    .format(new Date(now.getTime() + days * 86_400_000))
}

function offsetOf (zone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(now)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '')
}

const timeFacts = (zone: string, language: Language): string[] => [clockTime(zone, language), longDate(zone, language)]

// Facts from date-holidays -------------------------------------------------------------------

function localToday (zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

function publicHolidays (place: string[], language: Language, from: string, to: string): Array<{ date: string, name: string }> {
  const [country = '', state, region] = place
  const source = state === undefined
    ? new Holidays(country, { types: ['public'] })
    : region === undefined ? new Holidays(country, state, { types: ['public'] }) : new Holidays(country, state, region, { types: ['public'] })
  const all: Array<{ date: string, name: string }> = []
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of source.getHolidays(year, language)) all.push({ date: holiday.date.slice(0, 10), name: holiday.name })
  }
  return all.filter((holiday) => holiday.date >= from && holiday.date <= to).sort((a, b) => a.date.localeCompare(b.date))
}

/** "December 8" / "8 de diciembre": part of every way the answer may print the date. */
function dayMonth (isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE[language], { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`))
}

const holidayFacts = (holidays: Array<{ date: string, name: string }>, language: Language): string[] =>
  holidays.flatMap((holiday) => [holiday.name, dayMonth(holiday.date, language)])

const nextYearDay = (isoDate: string): string => `${Number(isoDate.slice(0, 4)) + 1}${isoDate.slice(4)}`

// Language check independent of the phrasebooks: function words of each language, in the first
// line (lists below it carry holiday names in the data set's own language).
function looksLike (text: string, language: Language): boolean {
  const words = (text.split('\n')[0] ?? '').toLowerCase().split(/[^\p{L}]+/u)
  const count = (list: string[]): number => words.filter((word) => list.includes(word)).length
  const es = count(['el', 'la', 'de', 'en', 'es', 'que', 'los', 'las', 'y', 'no', 'son', 'del', 'con', 'para', 'puedo', 'hay', 'una', 'un'])
  const en = count(['the', 'is', 'in', 'of', 'it', 'and', 'to', 'a', 'can', 'i', 'there', 'on', 'for', 'are', 'you', 'with'])
  return language === 'es' ? es > en : en > es
}

interface Case {
  message: string
  language: Language
  /** tools called, in order; [] = none */
  tools: string[]
  args?: Array<Record<string, unknown>>
  facts: (log: Recorded[]) => string[]
  /** texts the answer must not contain (invented weather) */
  absent?: string[]
  withWeather?: boolean
}

const today = localToday('UTC')
const madridToday = localToday('Europe/Madrid')

const cases: Case[] = [
  // English: time, date, time zones
  { message: 'what time is it in Tokyo', language: 'en', tools: ['get_datetime'], args: [{ location: 'Tokyo' }], facts: () => timeFacts('Asia/Tokyo', 'en') },
  { message: 'What\'s the time in New York?', language: 'en', tools: ['get_datetime'], args: [{ location: 'New York' }], facts: () => timeFacts('America/New_York', 'en') },
  { message: 'time in UTC+2', language: 'en', tools: ['get_datetime'], args: [{ timezone: 'UTC+2' }], facts: () => timeFacts('Etc/GMT-2', 'en') },
  { message: 'what day is it', language: 'en', tools: ['get_datetime'], args: [{}], facts: () => [longDate('UTC', 'en')] },
  { message: 'What is the date today in Sydney?', language: 'en', tools: ['get_datetime'], facts: () => [longDate('Australia/Sydney', 'en')] },
  { message: 'what day is it tomorrow in Sydney', language: 'en', tools: ['get_datetime'], facts: () => [longDate('Australia/Sydney', 'en', 1)] },
  { message: 'current time in London please', language: 'en', tools: ['get_datetime'], args: [{ location: 'London' }], facts: () => timeFacts('Europe/London', 'en') },
  { message: 'WHAT TIME IS IT IN LOS ANGELES??', language: 'en', tools: ['get_datetime'], facts: () => timeFacts('America/Los_Angeles', 'en') },
  { message: 'what time zone is Tokyo in', language: 'en', tools: ['get_datetime'], facts: () => ['Asia/Tokyo', offsetOf('Asia/Tokyo'), clockTime('Asia/Tokyo', 'en')] },
  {
    message: 'What time is it in Tokyo and New York?',
    language: 'en',
    tools: ['get_datetime', 'get_datetime'],
    args: [{ location: 'Tokyo' }, { location: 'New York' }],
    facts: () => [clockTime('Asia/Tokyo', 'en'), clockTime('America/New_York', 'en')]
  },
  { message: 'time in Atlantis', language: 'en', tools: ['get_datetime'], args: [{ location: 'Atlantis' }], facts: () => ['Atlantis'] },
  { message: 'what time is it', language: 'en', tools: ['get_datetime'], args: [{}], facts: () => timeFacts('UTC', 'en') },
  { message: 'Tokyo time', language: 'en', tools: ['get_datetime'], facts: () => [clockTime('Asia/Tokyo', 'en')] },
  { message: 'what\'s the date and time in Buenos Aires', language: 'en', tools: ['get_datetime'], facts: () => timeFacts('America/Argentina/Buenos_Aires', 'en') },
  { message: 'time in tokyo japan', language: 'en', tools: ['get_datetime'], facts: () => [clockTime('Asia/Tokyo', 'en')] },
  { message: 'What time is it in London, Canada?', language: 'en', tools: ['get_datetime'], args: [{ location: 'London, Canada' }], facts: () => timeFacts('America/Toronto', 'en') },
  {
    message: 'time in Tokyo, Madrid and Lima',
    language: 'en',
    tools: ['get_datetime', 'get_datetime', 'get_datetime'],
    facts: () => [clockTime('Asia/Tokyo', 'en'), clockTime('Europe/Madrid', 'en'), clockTime('America/Lima', 'en')]
  },
  { message: 'what time is it in India right now', language: 'en', tools: ['get_datetime'], args: [{ location: 'India' }], facts: () => [clockTime('Asia/Kolkata', 'en'), offsetOf('Asia/Kolkata')] },
  // Spanish: hora, fecha, zona horaria
  { message: '¿qué hora es en Madrid?', language: 'es', tools: ['get_datetime'], args: [{ location: 'Madrid' }], facts: () => timeFacts('Europe/Madrid', 'es') },
  { message: '¿Qué hora es en Nueva York?', language: 'es', tools: ['get_datetime'], facts: () => timeFacts('America/New_York', 'es') },
  { message: 'que hora es en tokio', language: 'es', tools: ['get_datetime'], facts: () => timeFacts('Asia/Tokyo', 'es') },
  { message: '¿qué fecha es hoy?', language: 'es', tools: ['get_datetime'], args: [{}], facts: () => [longDate('UTC', 'es')] },
  { message: '¿Qué día es hoy en Buenos Aires?', language: 'es', tools: ['get_datetime'], facts: () => [longDate('America/Argentina/Buenos_Aires', 'es')] },
  { message: '¿qué día es mañana?', language: 'es', tools: ['get_datetime'], facts: () => [longDate('UTC', 'es', 1)] },
  { message: 'Dime la hora en Ciudad de México', language: 'es', tools: ['get_datetime'], facts: () => timeFacts('America/Mexico_City', 'es') },
  { message: '¿En qué zona horaria está Los Ángeles?', language: 'es', tools: ['get_datetime'], facts: () => ['America/Los_Angeles', offsetOf('America/Los_Angeles'), clockTime('America/Los_Angeles', 'es')] },
  { message: 'Hola, ¿qué hora es en Londres?', language: 'es', tools: ['get_datetime'], facts: () => timeFacts('Europe/London', 'es') },
  { message: 'hora en UTC-3', language: 'es', tools: ['get_datetime'], args: [{ timezone: 'UTC-3' }], facts: () => [clockTime('Etc/GMT+3', 'es')] },
  // English: holidays
  {
    message: 'public holidays in Catalonia in December',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'Catalonia', from: '2026-12-01', to: '2026-12-31', language: 'en' }],
    facts: () => holidayFacts(publicHolidays(['ES', 'CT'], 'en', '2026-12-01', '2026-12-31'), 'en')
  },
  {
    message: 'next holiday in France',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'France', from: 'today', limit: 1 }],
    facts: () => holidayFacts(publicHolidays(['FR'], 'en', localToday('Europe/Paris'), nextYearDay(localToday('Europe/Paris'))).slice(0, 1), 'en')
  },
  {
    message: 'holidays in Spain in 2027',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'Spain', year: 2027 }],
    facts: () => holidayFacts(publicHolidays(['ES'], 'en', '2027-01-01', '2027-12-31'), 'en')
  },
  {
    message: 'bank holidays in the UK this year',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ year: 2026 }],
    facts: () => holidayFacts(publicHolidays(['GB'], 'en', '2026-01-01', '2026-12-31'), 'en')
  },
  {
    message: 'is tomorrow a holiday in Bavaria?',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'Bavaria', from: 'tomorrow', to: 'tomorrow' }],
    facts: (log) => {
      const result = log[0]?.result as { from: string }
      return [new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${result.from}T00:00:00Z`)),
        ...publicHolidays(['DE', 'BY'], 'en', result.from, result.from).map((holiday) => holiday.name)]
    }
  },
  {
    message: 'What are the next 3 holidays in Germany?',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'Germany', from: 'today', limit: 3 }],
    facts: () => holidayFacts(publicHolidays(['DE'], 'en', localToday('Europe/Berlin'), nextYearDay(localToday('Europe/Berlin'))).slice(0, 3), 'en')
  },
  {
    message: 'Holidays in Barcelona in September',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'Barcelona', from: '2027-09-01', to: '2027-09-30' }],
    facts: (log) => {
      const result = log[0]?.result as { region: string, subregion?: string }
      return holidayFacts(publicHolidays(['ES', result.region, ...(result.subregion === undefined ? [] : [result.subregion])], 'en', '2027-09-01', '2027-09-30'), 'en')
    }
  },
  {
    message: 'US holidays in January',
    language: 'en',
    tools: ['get_holidays'],
    args: [{ country: 'US', from: '2027-01-01', to: '2027-01-31' }],
    facts: () => holidayFacts(publicHolidays(['US'], 'en', '2027-01-01', '2027-01-31'), 'en')
  },
  { message: 'holidays in Narnia', language: 'en', tools: ['get_holidays'], facts: () => ['Narnia'] },
  { message: 'what holidays are there?', language: 'en', tools: [], facts: () => [] },
  // Spanish: festivos
  {
    message: 'festivos en Cataluña en diciembre',
    language: 'es',
    tools: ['get_holidays'],
    args: [{ country: 'Cataluña', from: '2026-12-01', to: '2026-12-31', language: 'es' }],
    facts: () => holidayFacts(publicHolidays(['ES', 'CT'], 'es', '2026-12-01', '2026-12-31'), 'es')
  },
  {
    message: '¿cuál es el próximo festivo en Francia?',
    language: 'es',
    tools: ['get_holidays'],
    args: [{ country: 'Francia', from: 'today', limit: 1, language: 'es' }],
    facts: () => holidayFacts(publicHolidays(['FR'], 'es', localToday('Europe/Paris'), nextYearDay(localToday('Europe/Paris'))).slice(0, 1), 'es')
  },
  {
    message: 'Festivos en España en 2027',
    language: 'es',
    tools: ['get_holidays'],
    args: [{ country: 'España', year: 2027 }],
    facts: () => holidayFacts(publicHolidays(['ES'], 'es', '2027-01-01', '2027-12-31'), 'es')
  },
  {
    message: '¿es festivo hoy en Madrid?',
    language: 'es',
    tools: ['get_holidays'],
    args: [{ country: 'Madrid', from: 'today', to: 'today' }],
    facts: () => [new Intl.DateTimeFormat('es-ES', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Madrid' }).format(now),
      ...publicHolidays(['ES', 'MD'], 'es', madridToday, madridToday).map((holiday) => holiday.name)]
  },
  {
    message: 'próximos festivos en Andalucía',
    language: 'es',
    tools: ['get_holidays'],
    args: [{ from: 'today', limit: 5 }],
    facts: () => holidayFacts(publicHolidays(['ES', 'AN'], 'es', madridToday, nextYearDay(madridToday)).slice(0, 5), 'es')
  },
  {
    message: 'dias festivos en mexico en mayo',
    language: 'es',
    tools: ['get_holidays'],
    args: [{ from: '2027-05-01', to: '2027-05-31' }],
    facts: () => holidayFacts(publicHolidays(['MX'], 'es', '2027-05-01', '2027-05-31'), 'es')
  },
  // Weather, with a weather tool registered: facts from the tool's result
  {
    message: 'weather in Barcelona tomorrow',
    language: 'en',
    tools: ['get_weather'],
    args: [{ location: 'Barcelona', days: 2 }],
    withWeather: true,
    facts: (log) => {
      const tomorrow = (log[0]?.result as WeatherReport).daily[1] as WeatherDay
      return [String(Math.round(tomorrow.min)), String(Math.round(tomorrow.max)), tomorrow.description]
    }
  },
  {
    message: '¿qué tiempo hace en Madrid?',
    language: 'es',
    tools: ['get_weather'],
    args: [{ location: 'Madrid', days: 1 }],
    withWeather: true,
    facts: (log) => {
      const report = log[0]?.result as WeatherReport
      return [String(Math.round(report.current.temperature)), report.current.description]
    }
  },
  {
    message: 'forecast for Paris this week',
    language: 'en',
    tools: ['get_weather'],
    args: [{ location: 'Paris', days: 7 }],
    withWeather: true,
    facts: (log) => (log[0]?.result as WeatherReport).daily.map((day) => day.description)
  },
  {
    message: 'weather in Oslo',
    language: 'en',
    tools: ['get_weather'],
    withWeather: true,
    facts: () => ['weather provider unavailable (circuit open)'],
    absent: ['°']
  },
  {
    message: 'will it rain in Paris this weekend',
    language: 'en',
    tools: ['get_weather'],
    args: [{ location: 'Paris', days: 7 }],
    withWeather: true,
    // 2026-11-28 and 29, days 3 and 4 of the report, are the weekend; the other days are not mentioned.
    facts: (log) => (log[0]?.result as WeatherReport).daily.slice(3, 5).map((day) => day.description),
    absent: ['outlook 0 for Paris', 'outlook 2 for Paris', 'outlook 5 for Paris']
  },
  {
    message: '¿qué tiempo hace en Sevilla?',
    language: 'es',
    tools: ['get_weather'],
    args: [{ location: 'Sevilla', days: 1, language: 'es' }],
    withWeather: true,
    facts: (log) => [String(Math.round((log[0]?.result as WeatherReport).current.temperature)), 'clear skies over Sevilla']
  },
  {
    message: 'forecast for Berlin for the next 3 days',
    language: 'en',
    tools: ['get_weather'],
    args: [{ location: 'Berlin', days: 3, language: 'en' }],
    withWeather: true,
    facts: (log) => (log[0]?.result as WeatherReport).daily.map((day) => day.description).concat('Today', 'Tomorrow')
  },
  {
    message: 'el tiempo en Madrid los próximos 5 días',
    language: 'es',
    tools: ['get_weather'],
    args: [{ location: 'Madrid', days: 5 }],
    withWeather: true,
    facts: (log) => (log[0]?.result as WeatherReport).daily.map((day) => day.description)
  },
  {
    message: '¿lloverá en Bilbao este fin de semana?',
    language: 'es',
    tools: ['get_weather'],
    args: [{ location: 'Bilbao', days: 7 }],
    withWeather: true,
    facts: (log) => (log[0]?.result as WeatherReport).daily.slice(3, 5).map((day) => day.description),
    absent: ['outlook 0 for Bilbao', 'outlook 6 for Bilbao']
  },
  { message: 'weather in Atlantis', language: 'en', tools: ['get_weather'], withWeather: true, facts: () => ['Atlantis'], absent: ['°', 'unavailable'] },
  // Weather without a weather tool: honest, nothing invented
  { message: 'weather in Barcelona tomorrow', language: 'en', tools: [], facts: () => [], absent: ['°'] },
  { message: '¿Qué tiempo hará mañana en Sevilla?', language: 'es', tools: [], facts: () => [], absent: ['°'] },
  // Greetings, help, everything else
  { message: 'hello', language: 'en', tools: [], facts: () => [], absent: ['LLM_API_KEY'] },
  { message: 'Hola', language: 'es', tools: [], facts: () => [], absent: ['LLM_API_KEY'] },
  { message: 'buenos días', language: 'es', tools: [], facts: () => [], absent: ['LLM_API_KEY'] },
  { message: 'help', language: 'en', tools: [], facts: () => ['LLM_API_KEY'] },
  { message: '¿qué puedes hacer?', language: 'es', tools: [], facts: () => ['LLM_API_KEY'] },
  { message: 'tell me a joke', language: 'en', tools: [], facts: () => ['LLM_API_KEY'] },
  { message: '¿Quién ganó el mundial de 2010?', language: 'es', tools: [], facts: () => ['LLM_API_KEY'] },
  { message: 'What is the capital of France?', language: 'en', tools: [], facts: () => ['LLM_API_KEY'] },
  { message: 'muchas gracias', language: 'es', tools: [], facts: () => [], absent: ['LLM_API_KEY'] },
  // Spanish: places that do not exist, and a weather provider that is down
  { message: '¿qué hora es en Atlantis?', language: 'es', tools: ['get_datetime'], args: [{ location: 'Atlantis' }], facts: () => ['Atlantis'] },
  { message: 'festivos en Narnia en diciembre', language: 'es', tools: ['get_holidays'], facts: () => ['Narnia'] },
  { message: 'hora en UTC+5:30', language: 'es', tools: ['get_datetime'], args: [{ timezone: 'UTC+5:30' }], facts: () => ['+05:30'] },
  {
    message: '¿qué tiempo hace en Oslo?',
    language: 'es',
    tools: ['get_weather'],
    withWeather: true,
    facts: () => [],
    absent: ['°']
  }
]

test(`the suite covers at least 40 phrasings in both languages (${cases.length})`, async (t) => {
  t.ok(cases.length >= 40)
  t.ok(cases.filter((item) => item.language === 'es').length >= 15)
  t.equal(today, '2026-11-25')
})

for (const item of cases) {
  test(`${item.language} "${item.message}" -> ${item.tools.join(', ') || 'no tool'}`, async (t) => {
    const log: Recorded[] = []
    const assistant = assistantWith(item.withWeather === true ? [...builtinTools(), weatherTool] : builtinTools(), log)
    const events: AssistantEvent[] = []
    for await (const event of assistant.stream({ message: item.message })) events.push(event)
    const done = events.at(-1)
    if (done?.type !== 'done') throw new Error('no done event')
    t.same(done.toolCalls.map((call) => call.name), item.tools, 'tools called')
    t.same(events.filter((event) => event.type === 'tool').map((event) => event.type === 'tool' && event.name), item.tools)
    for (const [index, args] of (item.args ?? []).entries()) t.match(log[index]?.args ?? {}, args, `arguments of call ${index}`)
    t.equal(events.map((event) => event.type === 'delta' ? event.text : '').join(''), done.content, 'deltas add up to the answer')
    const facts = item.facts(log)
    for (const fact of facts) t.ok(done.content.includes(fact), `answer contains ${JSON.stringify(fact)}`)
    for (const text of item.absent ?? []) t.notOk(done.content.includes(text), `answer has no ${JSON.stringify(text)}`)
    t.ok(looksLike(done.content, item.language), `answer is in ${item.language}: ${done.content}`)
  })
}

test('answers stream as a few deltas', async (t) => {
  const assistant = assistantWith(builtinTools(), [])
  const events: AssistantEvent[] = []
  for await (const event of assistant.stream({ message: 'public holidays in Catalonia in December' })) events.push(event)
  const deltas = events.filter((event) => event.type === 'delta').length
  t.ok(deltas >= 2 && deltas <= 6, `${deltas} deltas`)
})

test('the offline provider reports no token usage and only knows the last user message', async (t) => {
  const assistant = assistantWith(builtinTools(), [])
  const result = await assistant.reply({
    history: [{ role: 'user', content: 'what time is it in Tokyo' }, { role: 'assistant', content: 'It is late.' }],
    message: 'hola'
  })
  t.same(result.usage, { promptTokens: 0, completionTokens: 0, totalTokens: 0 })
  t.same(result.toolCalls, [])
  t.ok(looksLike(result.content, 'es'))
})
