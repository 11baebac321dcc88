// Where a client puts its key: `X-API-Key: <key>` or `Authorization: Bearer <key>` (DESIGN.md 6).
export type PresentedKey =
  | { kind: 'key', key: string }
  | { kind: 'missing' }
  | { kind: 'malformed' }

// Real keys are about 50 characters; anything far longer is refused before it is hashed.
const MAX_KEY_LENGTH = 512
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i

type HeaderValue = string | string[] | undefined

function single (value: HeaderValue): string | undefined | null {
  if (value === undefined) return undefined
  // The same header twice is ambiguous: refuse it rather than pick one.
  if (Array.isArray(value)) return value.length === 1 ? value[0] : null
  return value
}

export function presentedKey (headers: Record<string, HeaderValue>): PresentedKey {
  const header = single(headers['x-api-key'])
  if (header === null) return { kind: 'malformed' }
  let key = header?.trim()
  if (key === undefined || key === '') {
    const authorization = single(headers.authorization)
    if (authorization === null) return { kind: 'malformed' }
    if (authorization === undefined || authorization.trim() === '') return { kind: 'missing' }
    const match = BEARER.exec(authorization)
    if (match === null) return { kind: 'malformed' }
    key = match[1]
  }
  if (key === undefined || key === '') return { kind: 'missing' }
  if (key.length > MAX_KEY_LENGTH) return { kind: 'malformed' }
  return { kind: 'key', key }
}
