// Telegram refuses messages over 4,096 characters: longer replies go out in parts, cut at paragraph
// boundaries (blank lines), else at line ends, else at spaces, else hard.
export const TELEGRAM_MESSAGE_LIMIT = 4096

function cutAt (text: string, limit: number): number {
  const window = text.slice(0, limit + 1)
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator)
    if (at > 0) return at
  }
  return limit
}

export function splitMessage (text: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const parts: string[] = []
  let rest = text.trim()
  while (rest.length > limit) {
    const at = cutAt(rest, limit)
    parts.push(rest.slice(0, at).trimEnd())
    rest = rest.slice(at).trimStart()
  }
  if (rest !== '') parts.push(rest)
  return parts
}
