import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

// Keys carry a recognisable prefix (so secret scanners and people can tell what leaked) and 256 random bits.
export const API_KEY_PREFIX = 'acai_'

export function generateApiKey (): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url')
}

// The HMAC secret of a key that requires signed requests (lib/signing), also shown once at creation.
export const SIGNING_SECRET_PREFIX = 'acaisig_'

export function generateSigningSecret (): string {
  return SIGNING_SECRET_PREFIX + randomBytes(32).toString('base64url')
}

// Only this digest is ever stored; the key itself is shown once at creation and never again.
export function hashApiKey (key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

// Constant-time comparison of two hex sha256 digests. Both sides are digests of fixed length, so the
// length check leaks nothing about the key.
export function hashesEqual (a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  if (left.length !== 32 || right.length !== 32) return false
  return timingSafeEqual(left, right)
}
