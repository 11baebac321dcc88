import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

// HMAC request signing (issue 15), opt-in per API key. A signed request carries
//   X-Acai-Timestamp: <Unix seconds>
//   X-Acai-Signature: v1=<hex HMAC-SHA256(secret, "timestamp\nMETHOD\npath-with-query\nsha256-hex-of-body")>
// This module has no dependencies beyond node:crypto, so clients can import the signer as is.

export const TIMESTAMP_HEADER = 'x-acai-timestamp'
export const SIGNATURE_HEADER = 'x-acai-signature'
/** How far a request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300

const SIGNATURE = /^v1=([0-9a-f]{64})$/
const TIMESTAMP = /^\d{1,12}$/

export function bodySha256 (body: string | Uint8Array | undefined): string {
  return createHash('sha256').update(body ?? '').digest('hex')
}

export function stringToSign (timestamp: string, method: string, pathWithQuery: string, body: string | Uint8Array | undefined): string {
  return `${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n${bodySha256(body)}`
}

function hmacHex (secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex')
}

export interface SignInput {
  secret: string
  method: string
  /** The path with its query string, exactly as sent: `/v1/conversations?limit=5`. */
  path: string
  /** The exact bytes sent (a JSON string); none for GET and DELETE. */
  body?: string | Uint8Array
  /** Unix seconds; now by default. */
  timestamp?: number
}

/** The two headers that sign a request. */
export function signRequest ({ secret, method, path, body, timestamp = Math.floor(Date.now() / 1000) }: SignInput): Record<'x-acai-timestamp' | 'x-acai-signature', string> {
  const ts = String(timestamp)
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: `v1=${hmacHex(secret, stringToSign(ts, method, path, body))}` }
}

export type SignatureRefusal = 'missing' | 'expired' | 'replayed' | 'mismatch'

export type SignatureCheck =
  | { ok: true, signature: string }
  | { ok: false, refusal: SignatureRefusal, reason: string }

type HeaderValue = string | string[] | undefined

export interface CheckInput {
  secret: string
  headers: Record<string, HeaderValue>
  method: string
  path: string
  body: string | Uint8Array | undefined
  nowSeconds: number
  windowSeconds?: number
}

function single (value: HeaderValue): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined
  return value
}

/**
 * Checks the headers, the time window and the HMAC (in constant time). Replays are the caller's to catch
 * with the returned signature: it is unique per request and needs a store shared by every instance.
 */
export function checkSignature ({ secret, headers, method, path, body, nowSeconds, windowSeconds = SIGNATURE_WINDOW_SECONDS }: CheckInput): SignatureCheck {
  const timestamp = single(headers[TIMESTAMP_HEADER])?.trim()
  const signature = single(headers[SIGNATURE_HEADER])?.trim()
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '') {
    return { ok: false, refusal: 'missing', reason: 'this API key requires signed requests: X-Acai-Timestamp and X-Acai-Signature are missing' }
  }
  if (!TIMESTAMP.test(timestamp)) return { ok: false, refusal: 'missing', reason: 'X-Acai-Timestamp must be Unix seconds' }
  const match = SIGNATURE.exec(signature.toLowerCase())
  if (match?.[1] === undefined) return { ok: false, refusal: 'missing', reason: 'X-Acai-Signature must be v1=<64 hex digits>' }
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) {
    return { ok: false, refusal: 'expired', reason: `X-Acai-Timestamp is outside the ${windowSeconds}-second window` }
  }
  const expected = Buffer.from(hmacHex(secret, stringToSign(timestamp, method, path, body)), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) {
    return { ok: false, refusal: 'mismatch', reason: 'X-Acai-Signature does not match the request' }
  }
  return { ok: true, signature: match[1] }
}
