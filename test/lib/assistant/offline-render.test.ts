// Edge cases of the offline assistant that the phrasing suite does not reach: tolerant weather
// reading, missing tools, failures, empty results, and the provider protocol itself.

import Holidays from 'date-holidays'
import { test } from 'tap'
import Type from 'typebox'
import { builtinTools, createAssistant, createOfflineProvider, defineTool, getHolidays, type ChatMessage, type ProviderEvent } from '../../../lib/assistant/index.js'
import { chunkText } from '../../../lib/assistant/offline/chunks.js'
import { readWeather } from '../../../lib/assistant/offline/weather-view.js'

const now = new Date('2026-12-25T10:00:00Z')
const clock = (): Date => now

async function events (messages: ChatMessage[], tools: string[], toolChoice: 'auto' | 'none' = 'auto'): Promise<ProviderEvent[]> {
  const provider = createOfflineProvider({ clock })
  const all: ProviderEvent[] = []
  const definitions = tools.map((name) => ({ name, description: name, parameters: { type: 'object' } }))
  for await (const event of provider.stream({ messages, tools: definitions, toolChoice, signal: new AbortController().signal })) all.push(event)
  return all
}

const textOf = (all: ProviderEvent[]): string => all.map((event) => event.type === 'text' ? event.text : '').join('')

test('chunks concatenate to the text, a few of them', async (t) => {
  const text = 'Public holidays in Catalonia (Spain) in December 2026: a list that is long enough to be split.'
  const chunks = chunkText(text)
  t.equal(chunks.join(''), text)
  t.ok(chunks.length >= 2 && chunks.length <= 4)
  t.same(chunkText('short'), ['short'])
  t.equal(chunkText('x'.repeat(100)).join(''), 'x'.repeat(100))
})

test('weather results are read tolerantly, and nothing missing is invented', async (t) => {
  t.same(readWeather({
    location: 'Paris',
    units: 'imperial',
    current: { temp: 61, condition: { text: 'Sunny' } },
    forecast: [{ date: '2026-12-25T00:00', maxtemp_c: 12, mintemp_c: 3, summary: 'dry', chanceOfRain: 5 }, 'junk']
  }), {
    location: 'Paris',
    unit: 'F',
    current: { temperature: 61, description: 'Sunny' },
    days: [{ date: '2026-12-25', min: 3, max: 12, description: 'dry', precipitationProbability: 5 }]
  })
  t.same(readWeather(null), { days: [], unit: 'C' })
  t.same(readWeather({ days: [{}] }), { days: [{}], unit: 'C' })
})

test('a weather result with no readable data is reported, not guessed', async (t) => {
  const vague = defineTool({ name: 'get_weather', description: 'x', parameters: Type.Object({ location: Type.String(), days: Type.Optional(Type.Integer()) }), execute: () => ({ status: 'fine' }) })
  const assistant = createAssistant({ provider: createOfflineProvider({ clock }), tools: [...builtinTools(), vague], clock })
  const result = await assistant.reply({ message: 'weather in Lisbon' })
  t.same(result.toolCalls, [{ name: 'get_weather', ok: true }])
  t.match(result.content, /Lisbon/)
  t.notMatch(result.content, /°/)
  const spanish = await assistant.reply({ message: '¿qué tiempo hace?' })
  t.same(spanish.toolCalls, [], 'no place: asks which city')
  t.match(spanish.content, /\?/)
})

test('a weather forecast for the week lists each day the tool returned', async (t) => {
  const weekly = defineTool({
    name: 'get_weather',
    description: 'x',
    parameters: Type.Object({ location: Type.String(), days: Type.Optional(Type.Integer()) }),
    execute: (args) => ({ location: args.location, daily: Array.from({ length: args.days ?? 1 }, (_, index) => ({ date: `2026-12-${25 + index}`, max: 10 + index })) })
  })
  const assistant = createAssistant({ provider: createOfflineProvider({ clock }), tools: [weekly], clock })
  const result = await assistant.reply({ message: 'el tiempo en Oporto esta semana' })
  for (let index = 0; index < 7; index++) t.match(result.content, new RegExp(`${10 + index} °C`))
})

test('without the datetime or holidays tool it says it cannot answer instead of guessing', async (t) => {
  const onlyHolidays = createAssistant({ provider: createOfflineProvider({ clock }), tools: [getHolidays], clock })
  const time = await onlyHolidays.reply({ message: 'what time is it in Tokyo' })
  t.same(time.toolCalls, [])
  t.notMatch(time.content, /\d{1,2}:\d{2}/)
  const none = createAssistant({ provider: createOfflineProvider({ clock }), clock })
  const holidays = await none.reply({ message: 'festivos en España' })
  t.same(holidays.toolCalls, [])
  t.notMatch(holidays.content, /Navidad/)
})

test('a holiday today and tomorrow are confirmed with their names', async (t) => {
  const assistant = createAssistant({ provider: createOfflineProvider({ clock }), tools: builtinTools(), clock })
  const names = (day: string, language: string): string[] => new Holidays('ES', { types: ['public'] }).getHolidays(2026, language)
    .filter((holiday) => holiday.date.startsWith(day)).map((holiday) => holiday.name)
  const today = await assistant.reply({ message: 'is today a holiday in Spain?' })
  for (const name of names('2026-12-25', 'en')) t.match(today.content, name)
  const tomorrow = await assistant.reply({ message: '¿mañana es festivo en España?' })
  t.equal(names('2026-12-26', 'es').length, 0)
  t.notOk(tomorrow.content.startsWith('Sí'))
})

test('a month without holidays and yesterday\'s date are answered from the data', async (t) => {
  const assistant = createAssistant({ provider: createOfflineProvider({ clock }), tools: builtinTools(), clock })
  const august = new Holidays('DE', 'BE', { types: ['public'] }).getHolidays(2027, 'en').filter((holiday) => holiday.date.startsWith('2027-08'))
  t.equal(august.length, 0, 'Berlin has no public holiday in August')
  const result = await assistant.reply({ message: 'holidays in Berlin in August' })
  t.same(result.toolCalls, [{ name: 'get_holidays', ok: true }])
  t.match(result.content, /August 2027/)
  t.notMatch(result.content, /^- /m)
  const yesterday = await assistant.reply({ message: 'what day was it yesterday in Madrid' })
  t.match(yesterday.content, new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'Europe/Madrid' }).format(new Date(now.getTime() - 86_400_000)))
})

test('the provider answers without tools when told to, and when there is no user message', async (t) => {
  const forced = await events([{ role: 'user', content: 'what time is it in Tokyo' }], ['get_datetime'], 'none')
  t.notOk(forced.some((event) => event.type === 'tool_call'))
  t.equal(forced.at(-1)?.type, 'finish')
  const empty = await events([{ role: 'system', content: 'x' }], ['get_datetime'])
  t.match(textOf(empty), /LLM_API_KEY/)
})

test('unreadable or failed tool results become honest answers', async (t) => {
  const asked: ChatMessage[] = [
    { role: 'user', content: 'what time is it in Tokyo' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'get_datetime', arguments: '{"location":"Tokyo"}' }] }
  ]
  const garbage = textOf(await events([...asked, { role: 'tool', toolCallId: 'a', name: 'get_datetime', content: 'not json' }], ['get_datetime']))
  t.match(garbage, /unreadable tool result/)
  const wrongShape = textOf(await events([...asked, { role: 'tool', toolCallId: 'a', name: 'get_datetime', content: '{"ok":true,"result":{"x":1}}' }], ['get_datetime']))
  t.match(wrongShape, /unexpected result/)
  const failed = textOf(await events([...asked, { role: 'tool', toolCallId: 'a', name: 'get_datetime', content: '{"ok":false,"error":"get_datetime timed out after 5 ms"}' }], ['get_datetime']))
  t.match(failed, /timed out after 5 ms/)
  const holidays: ChatMessage[] = [
    { role: 'user', content: 'festivos en España' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'b', name: 'get_holidays', arguments: '{"country":"España"}' }] },
    { role: 'tool', toolCallId: 'b', name: 'get_holidays', content: '{"ok":true,"result":[]}' }
  ]
  t.match(textOf(await events(holidays, ['get_holidays'])), /unexpected result/)
})

test('an aborted request stops the offline provider', async (t) => {
  const provider = createOfflineProvider({ clock })
  const iterator = provider.stream({ messages: [{ role: 'user', content: 'hola' }], tools: [], toolChoice: 'auto', signal: AbortSignal.abort(new Error('gone')) })
  await t.rejects(iterator[Symbol.asyncIterator]().next(), { message: 'gone' })
})
