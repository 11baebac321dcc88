// Spanish wording of the offline assistant.

import { temperatureRange, type Phrasebook, type TimeView, type WeatherLine } from './phrases.js'

const capabilities = (weather: boolean): string =>
  `la hora y la fecha en cualquier lugar, zonas horarias${weather ? ', festivos y el tiempo' : ' y festivos'}`

/** "son las 22:05", but "es la 1:05". */
const clock = (hour: number, time: string): string => `${hour === 1 ? 'es la' : 'son las'} ${time}`

/** " (zona horaria Asia/Tokyo, UTC+09:00)", abreviado cuando el lugar ya es la zona. */
function zoneNote (view: TimeView): string {
  if (view.place !== view.zone) return ` (zona horaria ${view.zone}, UTC${view.offset})`
  return view.zone.startsWith('UTC') ? '' : ` (UTC${view.offset})`
}

function weatherLine (line: WeatherLine, unit: 'C' | 'F'): string {
  const parts = [temperatureRange(line.min, line.max, unit, ' '), line.description]
  if (line.precipitationProbability !== undefined) parts.push(`${Math.round(line.precipitationProbability)} % de probabilidad de lluvia`)
  return `- ${line.label}: ${parts.filter((part) => part !== undefined).join(', ') || 'sin detalles'}`
}

const SEVERAL_ZONES = ' Tiene varias zonas horarias; uso la de su ciudad más poblada.'

export const spanish: Phrasebook = {
  hello: '¡Hola!',
  greeting: (weather) => `¡Hola! Puedo decirte ${capabilities(weather)}. Prueba con «¿qué hora es en Tokio?» o «¿cuál es el próximo festivo en Francia?».`,
  help: (weather) => [
    `Soy el asistente sin conexión: puedo decirte ${capabilities(weather)}, en español o en inglés. Por ejemplo:`,
    '- «¿Qué hora es en Nueva York?»',
    '- «¿Qué día es mañana en Sídney?»',
    '- «Festivos en Cataluña en diciembre»',
    '- «¿Cuál es el próximo festivo en Francia?»',
    ...(weather ? ['- «¿Qué tiempo hará mañana en Barcelona?»'] : []),
    'Para otras preguntas hace falta configurar un modelo de lenguaje (LLM_API_KEY).'
  ].join('\n'),
  thanks: '¡De nada! ¿Algo más sobre horas, fechas o festivos?',
  noModel: (weather) => `Ahora funciono sin un modelo de lenguaje, así que solo puedo ayudarte con ${capabilities(weather)}. Para preguntas generales hace falta configurar un modelo de lenguaje (LLM_API_KEY).`,
  time: (view) => {
    const now = clock(view.hour, view.time)
    return view.place === undefined
      ? `${now.charAt(0).toUpperCase()}${now.slice(1)} en UTC (${view.date}). Dime una ciudad y te digo su hora local, por ejemplo «¿qué hora es en Tokio?».`
      : `En ${view.place} ${now} del ${view.date}${zoneNote(view)}.${view.severalZones ? SEVERAL_ZONES : ''}`
  },
  date: (view) => {
    const day = view.dayOffset === 0 ? 'hoy es' : view.dayOffset === 1 ? 'mañana será' : view.dayOffset === 2 ? 'pasado mañana será' : view.dayOffset === -1 ? 'ayer fue' : 'anteayer fue'
    return view.place === undefined
      ? `${day.charAt(0).toUpperCase()}${day.slice(1)} ${view.date} (UTC).`
      : `En ${view.place} ${day} ${view.date}.${view.severalZones ? SEVERAL_ZONES : ''}`
  },
  zone: (view) => view.place === view.zone
    ? `${view.zone} está ahora mismo en UTC${view.offset}; allí ${clock(view.hour, view.time)}.`
    : `${view.place} está en la zona horaria ${view.zone}, ahora mismo UTC${view.offset}; allí ${clock(view.hour, view.time)}.`,
  unknownPlace: (place) => `No conozco el lugar «${place}». Prueba con una ciudad, un país o una zona horaria como Europe/Madrid.`,
  unknownHolidayPlace: (place) => `No tengo datos de festivos para «${place}». Prueba con un país o una región, por ejemplo «España» o «Cataluña».`,
  toolFailed: (error) => `No he podido consultarlo: ${error}.`,
  toolMissing: 'Esa herramienta no está disponible ahora mismo, así que no puedo responder con fiabilidad.',
  askHolidayPlace: '¿De qué país o región? Por ejemplo: «festivos en España en diciembre» o «próximo festivo en Francia».',
  holidays: (view) => {
    const lines = view.items.map((item) => `- ${item.date}: ${item.name}`)
    if (view.more > 0) lines.push(`…y ${view.more} más.`)
    const list = lines.join('\n')
    switch (view.when.type) {
      case 'day': {
        const which = view.when.offset === 0 ? 'hoy' : 'mañana'
        return view.items.length === 0
          ? `No, ${which} (${view.day}) no es festivo en ${view.place}.`
          : `Sí, ${which} (${view.day}) es festivo en ${view.place}: ${view.items.map((item) => item.name).join(', ')}.`
      }
      case 'next': {
        const first = view.items[0]
        if (first === undefined) return `No encuentro festivos en ${view.place} en los próximos doce meses.`
        if (view.when.count === 1) return `El próximo festivo en ${view.place} es ${first.name}, el ${first.date}.`
        return `Los próximos ${view.items.length} festivos en ${view.place}:\n${list}`
      }
      case 'upcoming':
        return view.items.length === 0
          ? `No encuentro festivos en ${view.place} en los próximos doce meses.`
          : `Próximos festivos en ${view.place}:\n${list}`
      default:
        return view.items.length === 0
          ? `No hay festivos en ${view.place} en ${view.period}.`
          : `Festivos en ${view.place} en ${view.period}:\n${list}`
    }
  },
  askWeatherPlace: '¿De qué ciudad? Por ejemplo: «¿qué tiempo hace en Madrid?».',
  weatherNotConfigured: 'No puedo consultar el tiempo: aquí no hay ningún servicio meteorológico configurado, y no me lo voy a inventar. Sí puedo decirte la hora en cualquier lugar y los festivos.',
  // The reason comes from the tool in English; a Spanish answer does not quote it.
  weatherUnavailable: (place) => `Ahora mismo no puedo consultar el tiempo en ${place}: el servicio meteorológico no está disponible, y no me lo voy a inventar. Vuelve a intentarlo dentro de un rato.`,
  unknownWeatherPlace: (place) => `No encuentro ningún lugar llamado «${place}», así que no puedo decirte qué tiempo hace. Prueba con el nombre de una ciudad, por ejemplo «tiempo en París».`,
  weather: (view) => {
    const lines = [`El tiempo en ${view.place}:`]
    const current = view.current
    if (current !== undefined && (current.temperature !== undefined || current.description !== undefined)) {
      const parts = [temperatureRange(undefined, current.temperature, view.unit, ' '), current.description].filter((part) => part !== undefined)
      lines.push(`- Ahora: ${parts.join(', ')}`)
    }
    for (const day of view.days) lines.push(weatherLine(day, view.unit))
    return lines.join('\n')
  },
  weatherUnreadable: (place) => `El servicio meteorológico ha respondido para ${place}, pero no en un formato que pueda leer, así que no me lo voy a inventar.`,
  today: 'Hoy',
  tomorrow: 'Mañana'
}
