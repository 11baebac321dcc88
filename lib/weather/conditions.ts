// Weather conditions in words. Both providers are reduced to WMO weather interpretation codes (Open-Meteo
// speaks them; WeatherAPI.com condition codes are mapped), so descriptions read the same whichever
// provider answered and come in English or Spanish. An unknown code keeps the provider's own text.

const DESCRIPTIONS: Readonly<Record<number, readonly [en: string, es: string]>> = {
  0: ['clear sky', 'cielo despejado'],
  1: ['mainly clear', 'mayormente despejado'],
  2: ['partly cloudy', 'parcialmente nublado'],
  3: ['overcast', 'cubierto'],
  45: ['fog', 'niebla'],
  48: ['freezing fog', 'niebla helada'],
  51: ['light drizzle', 'llovizna ligera'],
  53: ['drizzle', 'llovizna'],
  55: ['dense drizzle', 'llovizna intensa'],
  56: ['light freezing drizzle', 'llovizna helada ligera'],
  57: ['dense freezing drizzle', 'llovizna helada intensa'],
  61: ['light rain', 'lluvia ligera'],
  63: ['moderate rain', 'lluvia moderada'],
  65: ['heavy rain', 'lluvia intensa'],
  66: ['light freezing rain', 'lluvia helada ligera'],
  67: ['heavy freezing rain', 'lluvia helada intensa'],
  71: ['light snow', 'nevada ligera'],
  73: ['moderate snow', 'nevada moderada'],
  75: ['heavy snow', 'nevada intensa'],
  77: ['snow grains', 'granos de nieve'],
  80: ['light rain showers', 'chubascos ligeros'],
  81: ['rain showers', 'chubascos'],
  82: ['violent rain showers', 'chubascos torrenciales'],
  85: ['light snow showers', 'chubascos de nieve ligeros'],
  86: ['heavy snow showers', 'chubascos de nieve intensos'],
  95: ['thunderstorm', 'tormenta'],
  96: ['thunderstorm with light hail', 'tormenta con granizo ligero'],
  99: ['thunderstorm with heavy hail', 'tormenta con granizo intenso']
}

// WeatherAPI.com condition codes (https://www.weatherapi.com/docs/weather_conditions.json) -> WMO.
const WEATHERAPI_TO_WMO: Readonly<Record<number, number>> = {
  1000: 0,
  1003: 2,
  1006: 3,
  1009: 3,
  1030: 45,
  1063: 61,
  1066: 71,
  1069: 66,
  1072: 56,
  1087: 95,
  1114: 73,
  1117: 75,
  1135: 45,
  1147: 48,
  1150: 51,
  1153: 51,
  1168: 56,
  1171: 57,
  1180: 61,
  1183: 61,
  1186: 63,
  1189: 63,
  1192: 65,
  1195: 65,
  1198: 66,
  1201: 67,
  1204: 66,
  1207: 67,
  1210: 71,
  1213: 71,
  1216: 73,
  1219: 73,
  1222: 75,
  1225: 75,
  1237: 77,
  1240: 80,
  1243: 81,
  1246: 82,
  1249: 85,
  1252: 86,
  1255: 85,
  1258: 86,
  1261: 77,
  1264: 77,
  1273: 95,
  1276: 95,
  1279: 95,
  1282: 95
}

export function wmoFromWeatherApi (code: number | undefined): number | undefined {
  return code === undefined ? undefined : WEATHERAPI_TO_WMO[code]
}

/** The words for a WMO code in the language ("es" or English), else the provider's text, else nothing. */
export function describeConditions (code: number | undefined, text: string | undefined, language: string): string | undefined {
  const known = code === undefined ? undefined : DESCRIPTIONS[code]
  if (known !== undefined) return language === 'es' ? known[1] : known[0]
  const own = text?.trim()
  return own === undefined || own === '' ? undefined : own
}
