// Terminal styling: ANSI colors only when writing to a TTY and NO_COLOR is unset (https://no-color.org).
export interface Style {
  dim: (text: string) => string
  bold: (text: string) => string
  red: (text: string) => string
  cyan: (text: string) => string
}

export function useColor (isTty: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTty === true && (env.NO_COLOR === undefined || env.NO_COLOR === '')
}

export function createStyle (color: boolean): Style {
  const wrap = (open: string, close: string) => (text: string) => color ? `\x1b[${open}m${text}\x1b[${close}m` : text
  return { dim: wrap('2', '22'), bold: wrap('1', '22'), red: wrap('31', '39'), cyan: wrap('36', '39') }
}

/** `get_datetime ✓` / `get_weather ✗` */
export function toolLine (tool: { name: string, ok: boolean }): string {
  return `${tool.name} ${tool.ok ? '✓' : '✗'}`
}
