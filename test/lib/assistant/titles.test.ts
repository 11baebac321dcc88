import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { test, type Test } from 'tap'
import {
  clampTitle, createCachedTitler, createMemoryTitleCache, createOfflineTitler, heuristicTitle, sanitizeTitle, titleCacheKey, TITLE_MAX_LENGTH,
  type Titler
} from '../../../lib/assistant/index.js'

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const graphemes = (text: string): string[] => [...segmenter.segment(text)].map((part) => part.segment)
const codePoints = (text: string): number => [...text].length
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function assertValidTitle (t: Test, title: string, label: string): void {
  t.notMatch(title, LONE_SURROGATE, `${label}: well-formed UTF-16`)
  t.ok(codePoints(title) <= TITLE_MAX_LENGTH, `${label}: ${codePoints(title)} code points <= ${TITLE_MAX_LENGTH}`)
  t.ok(title.length > 0, `${label}: not empty`)
  t.equal(title, title.normalize('NFC'), `${label}: NFC`)
}

/** The title without its ellipsis is made of the input's leading graphemes, none of them split. */
function assertWholeGraphemes (t: Test, title: string, input: string, label: string): void {
  const kept = graphemes(title.endsWith('…') ? title.slice(0, -1) : title)
  t.same(kept, graphemes(input.normalize('NFC')).slice(0, kept.length), `${label}: cut between graphemes`)
}

test('known questions get a canonical short title in their language', async (t) => {
  t.equal(heuristicTitle('what\'s the time in Tokyo?'), 'Time in Tokyo')
  t.equal(heuristicTitle('What time is it in new york right now'), 'Time in New York')
  t.equal(heuristicTitle('¿Qué hora es en Madrid?'), 'Hora en Madrid')
  t.equal(heuristicTitle('public holidays in Catalonia in December'), 'Holidays in Catalonia in December')
  t.equal(heuristicTitle('festivos en Cataluña en diciembre'), 'Festivos en Cataluña en diciembre')
  t.equal(heuristicTitle('¿cuál es el próximo festivo en Francia?'), 'Próximo festivo en Francia')
  t.equal(heuristicTitle('weather in Barcelona tomorrow'), 'Weather in Barcelona')
})

test('other messages lose greetings, politeness and openers and are capitalised', async (t) => {
  t.equal(heuristicTitle('hi, can you tell me the capital of France?'), 'Capital of France')
  t.equal(heuristicTitle('Hola, ¿me puedes recomendar un libro de historia?'), 'Recomendar un libro de historia')
  t.equal(heuristicTitle('good morning! please write a haiku about autumn'), 'Write a haiku about autumn')
  t.equal(heuristicTitle('hello'), 'Hello')
  t.equal(heuristicTitle('???'), 'New conversation')
  t.equal(heuristicTitle('   '), 'New conversation')
})

test('a long Cyrillic message is cut at a word, valid and within the limit', async (t) => {
  const message = 'Привет! Расскажи, пожалуйста, подробно о истории Санкт-Петербурга и о его самых известных музеях и театрах'
  const title = heuristicTitle(message)
  assertValidTitle(t, title, 'cyrillic')
  assertWholeGraphemes(t, title, message, 'cyrillic')
  t.ok(title.endsWith('…'))
  t.match(title, /^[А-ЯЁ]/u)
})

test('emoji ZWJ sequences and flags are kept whole or dropped whole', async (t) => {
  const family = '👨‍👩‍👧‍👦'
  const familyTitle = clampTitle(family.repeat(20))
  assertValidTitle(t, familyTitle, 'family')
  t.ok(graphemes(familyTitle.slice(0, -1)).every((grapheme) => grapheme === family), 'only whole families')
  const flags = '🇪🇸🇫🇷🇯🇵'.repeat(15)
  const flagTitle = clampTitle(flags)
  assertValidTitle(t, flagTitle, 'flags')
  assertWholeGraphemes(t, flagTitle, flags, 'flags')
  const mixed = `Trip ${'🏳️‍🌈 '.repeat(12)}planning`
  assertWholeGraphemes(t, heuristicTitle(mixed), mixed, 'mixed')
})

test('combining marks stay with their letter', async (t) => {
  // q has no precomposed forms: NFC only reorders the marks (dot below before acute).
  const letter = 'q\u0301\u0323'
  const title = clampTitle(letter.repeat(40))
  assertValidTitle(t, title, 'marks')
  t.ok(graphemes(title.slice(0, -1)).every((grapheme) => grapheme === letter.normalize('NFC')))
  const zalgo = `Z${'\u0336\u0337'.repeat(50)}algo`
  const zalgoTitle = clampTitle(zalgo)
  assertValidTitle(t, zalgoTitle, 'zalgo')
  t.ok(zalgoTitle.startsWith('Z'))
})

test('lone surrogates and control characters are repaired', async (t) => {
  const title = heuristicTitle('broken \uD83D text\u0000 with\ncontrols')
  assertValidTitle(t, title, 'repaired')
  t.notOk([...title].some((char) => (char.codePointAt(0) ?? 0) < 0x20), 'no control characters')
})

test('any input gives a valid title (property)', async (t) => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
    const title = heuristicTitle(text)
    return !LONE_SURROGATE.test(title) && codePoints(title) <= TITLE_MAX_LENGTH && title.length > 0
  }), { numRuns: 300 })
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
    const title = clampTitle(text)
    const kept = graphemes(title.endsWith('…') ? title.slice(0, -1) : title)
    const source = graphemes(text.replace(/\s+/g, ' ').trim().normalize('NFC'))
    return codePoints(title) <= TITLE_MAX_LENGTH && kept.every((grapheme, index) => grapheme === source[index] || /\s/.test(grapheme))
  }), { numRuns: 300 })
  t.pass('properties hold')
})

test('the cache key is the sha256 of the cleaned message', async (t) => {
  const message = '  What time is it in Tokyo?  '
  t.equal(titleCacheKey(message), createHash('sha256').update('What time is it in Tokyo?').digest('hex'))
  t.equal(titleCacheKey('a  b'), titleCacheKey('a b'))
  t.not(titleCacheKey('a'), titleCacheKey('b'))
})

test('a cached titler asks its titler once per message and sanitises model output', async (t) => {
  let calls = 0
  const model: Titler = {
    name: 'model',
    title: async () => { calls++; return 'Title: "Tokyo time zone questions"\nextra line' }
  }
  const titler = createCachedTitler(model, createMemoryTitleCache())
  t.equal(await titler.title('what time is it in Tokyo?'), 'Tokyo time zone questions')
  t.equal(await titler.title('what time is it in Tokyo?'), 'Tokyo time zone questions')
  t.equal(calls, 1)
  const long = createCachedTitler({ name: 'verbose', title: async () => 'word '.repeat(40) }, createMemoryTitleCache())
  assertValidTitle(t, await long.title('x'), 'clamped model title')
  const empty = createCachedTitler({ name: 'empty', title: async () => '""' }, createMemoryTitleCache())
  t.equal(await empty.title('what\'s the time in Tokyo?'), 'Time in Tokyo', 'falls back to the heuristic')
  t.equal(await createOfflineTitler().title('¿qué hora es en Madrid?'), 'Hora en Madrid')
  t.equal(sanitizeTitle('«Festivos»'), 'Festivos')
})

test('the memory cache evicts its oldest entry', async (t) => {
  const cache = createMemoryTitleCache(2)
  cache.set('a', '1')
  cache.set('b', '2')
  cache.set('c', '3')
  t.equal(cache.get('a'), undefined)
  t.equal(cache.get('c'), '3')
})
