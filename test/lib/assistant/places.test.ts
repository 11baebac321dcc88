import { test } from 'tap'
import { resolveHolidayPlace, resolveZone } from '../../../lib/assistant/index.js'

test('cities, exonyms, qualifiers and countries resolve to the expected zone', async (t) => {
  const cases: Array<[string, string]> = [
    ['Tokyo', 'Asia/Tokyo'], ['Tokio', 'Asia/Tokyo'], ['nueva york', 'America/New_York'], ['NYC', 'America/New_York'],
    ['São Paulo', 'America/Sao_Paulo'], ['Sao Paulo', 'America/Sao_Paulo'], ['München', 'Europe/Berlin'], ['Londres', 'Europe/London'],
    ['London, Canada', 'America/Toronto'], ['Sydney, Australia', 'Australia/Sydney'], ['Ciudad de México', 'America/Mexico_City'],
    ['Rio de Janeiro', 'America/Sao_Paulo'], ['Los Angeles', 'America/Los_Angeles'], ['Washington', 'America/New_York'],
    ['Japan', 'Asia/Tokyo'], ['Alemania', 'Europe/Berlin'], ['the Netherlands', 'Europe/Amsterdam'], ['California', 'America/Los_Angeles'],
    ['Asia/Calcutta', 'Asia/Calcutta'], ['asia/kolkata', 'Asia/Kolkata'], ['Europe/Kyiv', 'Europe/Kyiv'], ['EST', 'America/New_York'],
    ['UTC+2', 'UTC+02:00'], ['GMT-5', 'UTC-05:00'], ['+05:30', 'UTC+05:30'], ['UTC+0', 'UTC'], ['utc', 'UTC'], ['Z', 'UTC']
  ]
  for (const [query, zone] of cases) t.equal(resolveZone(query)?.timeZone, zone, query)
})

test('nonsense and out-of-range offsets do not resolve', async (t) => {
  for (const query of ['', '   ', 'Atlantis', 'UTC+15', 'UTC-13', 'UTC+3:60', 'Mars/Base', 'us']) t.equal(resolveZone(query), undefined, JSON.stringify(query))
})

test('holiday places: countries, regions, cities and codes', async (t) => {
  const cases: Array<[string, string, string | undefined]> = [
    ['Spain', 'ES', undefined], ['España', 'ES', undefined], ['Catalonia', 'ES', 'CT'], ['Cataluña', 'ES', 'CT'], ['Barcelona', 'ES', 'CT'],
    ['Madrid', 'ES', 'MD'], ['Sevilla', 'ES', 'AN'], ['Valencia', 'ES', 'VC'], ['France', 'FR', undefined], ['Francia', 'FR', undefined],
    ['Bavaria', 'DE', 'BY'], ['Baviera', 'DE', 'BY'], ['Munich', 'DE', 'BY'], ['Scotland', 'GB', 'SCT'], ['UK', 'GB', undefined],
    ['New York', 'US', 'NY'], ['es-ct', 'ES', 'CT'], ['DE/BY', 'DE', 'BY'], ['fr', 'FR', undefined]
  ]
  for (const [query, country, state] of cases) {
    const place = resolveHolidayPlace(query)
    t.equal(place?.country, country, `${query} country`)
    t.equal(place?.state, state, `${query} state`)
  }
  t.equal(resolveHolidayPlace('Narnia'), undefined)
  t.equal(resolveHolidayPlace('ES-XX'), undefined)
})
