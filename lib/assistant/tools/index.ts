// The built-in tools: the offline ones, which need no network or configuration. get_weather needs a
// weather client (`createGetWeather(client)`), so it is added by whoever owns one.

import type { Tool } from './tool.js'
import { getDatetime } from './get-datetime.js'
import { getHolidays } from './get-holidays.js'

export { getDatetime, type DateTimeResult } from './get-datetime.js'
export { getHolidays, type HolidaysResult, type HolidayItem } from './get-holidays.js'
export { createGetWeather, WEATHER_UNAVAILABLE, type WeatherLookup } from './get-weather.js'
export { defineTool, ToolError, type Tool, type ToolContext } from './tool.js'
export { createToolRegistry, type ToolOutcome, type ToolRegistry, type ToolRegistryOptions } from './registry.js'

/** get_datetime and get_holidays. */
export function builtinTools (): Tool[] {
  return [getDatetime, getHolidays]
}
