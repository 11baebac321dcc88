// Server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as MongoDB drivers speak it: the server keeps only
// the salted keys, never the password, and answers the client proof with its own signature in the same
// reply (the driver asks for `skipEmptyExchange`, so there is no empty third round).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'

export interface ScramCredential { salt: Buffer, iterations: number, storedKey: Buffer, serverKey: Buffer }

export class ScramAuthError extends Error {
  override name = 'ScramAuthError'
}

export interface ScramConversationOptions {
  // Only tests replace this, to replay a published exchange with a known server nonce.
  serverNonce?: () => string
}

const DEFAULT_ITERATIONS = 15000
const SALT_BYTES = 28
const NONCE_BYTES = 24
const KEY_BYTES = 32

function hmac (key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

function sha256 (data: Buffer): Buffer {
  return createHash('sha256').update(data).digest()
}

export function deriveScramCredential (password: string, salt: Buffer, iterations: number): ScramCredential {
  const saltedPassword = pbkdf2Sync(password, salt, iterations, KEY_BYTES, 'sha256')
  return {
    salt,
    iterations,
    storedKey: sha256(hmac(saltedPassword, 'Client Key')),
    serverKey: hmac(saltedPassword, 'Server Key')
  }
}

export function createScramCredential (password: string, iterations = DEFAULT_ITERATIONS): ScramCredential {
  return deriveScramCredential(password, randomBytes(SALT_BYTES), iterations)
}

// Attribute order is fixed by RFC 5802; unknown mandatory extensions (`m=`) must be refused.
function parseAttributes (message: string, expected: string[]): Map<string, string> {
  const parts = message.split(',')
  const attributes = new Map<string, string>()
  for (const [i, name] of expected.entries()) {
    const part = parts[i]
    if (part === undefined || !part.startsWith(`${name}=`)) throw new ScramAuthError(`SCRAM message lacks '${name}'`)
    attributes.set(name, part.slice(name.length + 1))
  }
  return attributes
}

function decodeSaslName (name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new ScramAuthError('malformed SCRAM username')
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=')
}

function isPrintableNonce (nonce: string): boolean {
  return nonce.length > 0 && /^[\x21-\x2b\x2d-\x7e]+$/.test(nonce)
}

interface Started {
  username: string
  credential: ScramCredential
  known: boolean
  gs2Header: string
  nonce: string
  clientFirstBare: string
  serverFirst: string
}

export class ScramConversation {
  readonly #lookup: (username: string) => ScramCredential | undefined
  readonly #serverNonce: () => string
  #started: Started | undefined
  #finished = false

  constructor (lookup: (username: string) => ScramCredential | undefined, options: ScramConversationOptions = {}) {
    this.#lookup = lookup
    this.#serverNonce = options.serverNonce ?? (() => randomBytes(NONCE_BYTES).toString('base64'))
  }

  start (clientFirst: Buffer): Buffer {
    if (this.#started !== undefined) throw new ScramAuthError('SCRAM conversation already started')
    const message = clientFirst.toString('utf8')
    const match = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/.exec(message)
    if (match === null) throw new ScramAuthError('malformed SCRAM client-first-message')
    if (match[1].startsWith('p=')) throw new ScramAuthError('SCRAM channel binding is not supported')
    const clientFirstBare = match[3]
    const attributes = parseAttributes(clientFirstBare, ['n', 'r'])
    const username = decodeSaslName(attributes.get('n') ?? '')
    const clientNonce = attributes.get('r') ?? ''
    if (username === '' || !isPrintableNonce(clientNonce)) throw new ScramAuthError('malformed SCRAM client-first-message')

    const stored = this.#lookup(username)
    // An unknown user gets a plausible challenge and fails at the proof, so replies do not reveal
    // which usernames exist.
    const credential = stored ?? {
      salt: randomBytes(SALT_BYTES),
      iterations: DEFAULT_ITERATIONS,
      storedKey: randomBytes(KEY_BYTES),
      serverKey: randomBytes(KEY_BYTES)
    }
    const nonce = clientNonce + this.#serverNonce()
    const serverFirst = `r=${nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`
    this.#started = {
      username,
      credential,
      known: stored !== undefined,
      gs2Header: `${match[1]},${match[2] ?? ''},`,
      nonce,
      clientFirstBare,
      serverFirst
    }
    return Buffer.from(serverFirst, 'utf8')
  }

  continue (clientFinal: Buffer): { payload: Buffer, done: true, username: string } {
    const started = this.#started
    if (started === undefined || this.#finished) throw new ScramAuthError('no SCRAM conversation in progress')
    this.#finished = true
    const message = clientFinal.toString('utf8')
    const proofAt = message.lastIndexOf(',p=')
    if (proofAt < 0) throw new ScramAuthError('SCRAM client-final-message lacks a proof')
    const withoutProof = message.slice(0, proofAt)
    const attributes = parseAttributes(withoutProof, ['c', 'r'])
    if (attributes.get('c') !== Buffer.from(started.gs2Header, 'utf8').toString('base64')) {
      throw new ScramAuthError('SCRAM channel binding mismatch')
    }
    if (attributes.get('r') !== started.nonce) throw new ScramAuthError('SCRAM nonce mismatch')
    const proof = Buffer.from(message.slice(proofAt + 3), 'base64')

    const { storedKey, serverKey } = started.credential
    const authMessage = `${started.clientFirstBare},${started.serverFirst},${withoutProof}`
    const clientSignature = hmac(storedKey, authMessage)
    if (proof.length !== clientSignature.length) throw new ScramAuthError('SCRAM proof has the wrong length')
    const clientKey = Buffer.alloc(proof.length)
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i]
    const proofMatches = timingSafeEqual(sha256(clientKey), storedKey)
    if (!proofMatches || !started.known) throw new ScramAuthError('SCRAM proof does not match')

    const serverSignature = hmac(serverKey, authMessage).toString('base64')
    return { payload: Buffer.from(`v=${serverSignature}`, 'utf8'), done: true, username: started.username }
  }
}
