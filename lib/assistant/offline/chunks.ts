// Splits an answer into a few deltas at spaces, so clients see streaming; the pieces concatenate
// to exactly the answer.

export function chunkText (text: string, parts = 4): string[] {
  if (text.length <= 24 || parts <= 1) return [text]
  const target = Math.ceil(text.length / parts)
  const chunks: string[] = []
  let start = 0
  while (start < text.length) {
    if (chunks.length === parts - 1) {
      chunks.push(text.slice(start))
      break
    }
    const space = text.indexOf(' ', start + target)
    const end = space === -1 ? text.length : space + 1
    chunks.push(text.slice(start, end))
    start = end
  }
  return chunks
}
