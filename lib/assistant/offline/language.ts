// English or Spanish, by counting marker words; inverted punctuation settles ties. Place names
// ("España" in an English sentence) carry little weight because markers are common words.

import type { Token } from './tokens.js'
import type { Language } from './vocabulary.js'

const SPANISH = new Set([
  'que', 'cual', 'cuales', 'cuando', 'como', 'es', 'son', 'hay', 'el', 'la', 'los', 'las', 'en', 'de', 'del', 'y', 'hora', 'hoy',
  'manana', 'ayer', 'dia', 'dias', 'fecha', 'festivo', 'festivos', 'feriado', 'feriados', 'tiempo', 'hace', 'hara', 'clima',
  'proximo', 'proxima', 'proximos', 'siguiente', 'hola', 'buenos', 'buenas', 'gracias', 'ayuda', 'puedes', 'dime', 'esta', 'este',
  'por', 'favor', 'semana', 'ano', 'mes', 'zona', 'horaria', 'quien', 'eres', 'sabes', 'hacer', 'para', 'tal', 'estas', 'muchas',
  'ayudame', 'pronostico', 'llover', 'llueve', 'temperatura', 'quiero', 'saber', 'se', 'lo', 'al', 'un', 'una', 'son', 'estamos'
])

const ENGLISH = new Set([
  'what', 'whats', 'what\'s', 'which', 'when', 'how', 'is', 'are', 'the', 'it', 'in', 'of', 'for', 'time', 'date', 'day', 'today',
  'tomorrow', 'holiday', 'holidays', 'weather', 'next', 'hello', 'hi', 'hey', 'thanks', 'thank', 'help', 'please', 'you', 'can',
  'do', 'tell', 'me', 'and', 'this', 'year', 'month', 'week', 'public', 'bank', 'forecast', 'good', 'morning', 'evening', 'who',
  'zone', 'upcoming', 'will', 'rain', 'it\'s', 'now', 'current', 'there', 'any'
])

export function detectLanguage (tokens: readonly Token[]): Language {
  let spanish = 0
  let english = 0
  for (const token of tokens) {
    if (token.key === '¿' || token.key === '¡') spanish += 2
    if (SPANISH.has(token.key)) spanish++
    if (ENGLISH.has(token.key)) english++
  }
  return spanish > english ? 'es' : 'en'
}
