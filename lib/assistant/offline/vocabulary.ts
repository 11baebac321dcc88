// Words the offline assistant recognises, English and Spanish, as folded keys (no accents).

export type Language = 'en' | 'es'

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'enero'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre']
]

/** Month name (English or Spanish, folded) -> 1..12 */
export const MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1]))
)

/** Three-letter month abbreviations that are also Spanish words ("mar" = sea) only count in English. */
export const ENGLISH_ONLY_MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'may'])

/** Prepositions that introduce a place. */
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'for', 'of', 'en', 'para', 'de', 'del', 'around', 'near'])

/** Words that may sit inside a place name ("Rio de Janeiro", "Isle of Man", "Los Angeles"). */
export const CONNECTORS = new Set(['de', 'del', 'of', 'and', 'y', 'e', 'the', 'la', 'las', 'el', 'los', 'le', 'da', 'do', 'dos', 'di'])

/** Articles that may open a place name ("La Rioja", "The Hague") or just precede it ("in the UK"). */
export const ARTICLES = new Set(['the', 'la', 'las', 'el', 'los', 'le'])

/** Words that join several places ("Tokyo and Madrid"). */
export const PLACE_JOINERS = new Set(['and', 'y', 'e', ',', '&', 'vs', 'versus'])

/** Words that are never part of a place: question words, intent words, time words, fillers. */
export const STOP_WORDS = new Set([
  // English
  'what', 'whats', 'what\'s', 'which', 'when', 'whens', 'when\'s', 'where', 'how', 'is', 'are', 'was', 'be', 'will', 'it', 'it\'s', 'its',
  'a', 'an', 'there', 'here', 'tell', 'me', 'please', 'pls', 'now', 'right', 'currently', 'current', 'today', 'tonight', 'tomorrow',
  'yesterday', 'this', 'that', 'next', 'upcoming', 'coming', 'week', 'weekend', 'month', 'year', 'years', 'days', 'day', 'date', 'time',
  'times', 'clock', 'o\'clock', 'hour', 'hours', 'holiday', 'holidays', 'public', 'bank', 'national', 'official', 'weather', 'forecast',
  'like', 'going', 'do', 'does', 'did', 'you', 'know', 'can', 'could', 'would', 'should', 'i', 'my', 'we', 'us', 'show', 'list', 'give',
  'get', 'or', 'on', 'local', 'zone', 'zones', 'timezone', 'timezones', 'offset', 'temperature', 'rain', 'raining', 'snow', 'snowing',
  'sunny', 'hot', 'cold', 'morning', 'afternoon', 'evening', 'night', 'any', 'all', 'some', 'other', 'to', 'from', 'until', 'between',
  'off', 'weekday', 'today\'s', 'todays', 'week\'s', 'exact', 'exactly', 'moment', 'outside', 'hi', 'hello', 'hey', 'thanks',
  'also', 'then', 'so', 'about', 'after', 'before', 'last', 'first', 'remaining', 'rest', 'left',
  // Spanish
  'que', 'cual', 'cuales', 'cuando', 'cuanto', 'cuantos', 'cuantas', 'donde', 'como', 'es', 'son', 'era', 'sera', 'seran', 'hay', 'habra',
  'un', 'una', 'unos', 'unas', 'me', 'dime', 'decir', 'puedes', 'podrias', 'sabes', 'saber', 'quiero', 'quisiera', 'por', 'favor',
  'ahora', 'mismo', 'actual', 'actualmente', 'hoy', 'manana', 'ayer', 'pasado', 'proximo', 'proxima', 'proximos', 'proximas',
  'siguiente', 'siguientes', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'mes', 'ano', 'anos', 'semana', 'finde', 'fin', 'dia', 'dias',
  'fecha', 'hora', 'horas', 'festivo', 'festivos', 'feriado', 'feriados', 'fiesta', 'fiestas', 'nacional', 'nacionales', 'oficial',
  'oficiales', 'tiempo', 'hace', 'hara', 'clima', 'pronostico', 'temperatura', 'lluvia', 'llueve', 'llover', 'llovera', 'nieva',
  'zona', 'horaria', 'huso', 'horario', 'diferencia', 'libre', 'libres', 'o', 'al', 'a', 'lo', 'se', 'queda', 'quedan', 'viene',
  'tarde', 'noche', 'madrugada', 'todos', 'todas', 'otro', 'otros', 'resto', 'hola', 'gracias', 'hasta', 'desde', 'entre', 'estamos',
  'ultimo', 'primer', 'primero', 'laborable'
])
