import { ObjectId, MongoServerError, type Db } from 'mongodb'
import { generateApiKey, generateSigningSecret, hashApiKey, hashesEqual } from './key-material.js'
import { SCOPES, type Scope } from './scopes.js'

export interface Principal {
  keyId: string
  name: string
  scopes: Scope[]
  /** Requests per rate-limit window for this key, when it has its own limit. */
  rateLimit?: number
  /** Present (true) when every request of this key must be signed (lib/signing). */
  requireSignature?: true
}

export interface ApiKeySummary {
  id: string
  name: string
  scopes: Scope[]
  createdAt: Date
  revokedAt: Date | null
  expiresAt: Date | null
  rateLimit: number | null
  requireSignature: boolean
}

export type VerifyResult =
  | { ok: true, principal: Principal, signingSecret?: string }
  | { ok: false, reason: 'unknown' | 'revoked' }
  /** `firstRefusal` is true for exactly one check across all processes: the one that records the expiry. */
  | { ok: false, reason: 'expired', keyId: string, name: string, firstRefusal: boolean }

export interface CreateKeyInput {
  name: string
  scopes: readonly Scope[]
  expiresAt?: Date
  rateLimit?: number
  requireSignature?: boolean
}

export interface CreatedKey { id: string, key: string, signingSecret?: string, summary: ApiKeySummary }

export interface BootstrapResult { id: string, created: boolean, revoked: boolean }

interface ApiKeyDocument {
  _id: ObjectId
  name: string
  hash: string
  scopes: Scope[]
  createdAt: Date
  revokedAt?: Date
  expiresAt?: Date
  /** Set once, by the first check that found the key expired (so the expiry is audited once). */
  expiryRecordedAt?: Date
  rateLimit?: number
  requireSignature?: boolean
  /** The HMAC secret of a key that requires signatures: it must be usable, so it is stored as is. */
  signingSecret?: string
}

export interface ApiKeyStoreOptions {
  db: Db
  now?: () => Date
  /**
   * How long a verified key is trusted without asking the database again. Revoking through this store
   * takes effect at once in this process; other processes notice within this time. 0 disables the cache.
   */
  cacheTtlMs?: number
  cacheMaxEntries?: number
  /** The digest comparison; injectable so tests can see it is the constant-time one. */
  equal?: (stored: string, presented: string) => boolean
}

export const BOOTSTRAP_KEY_NAME = 'bootstrap'
const NAME_MAX_LENGTH = 100
const DUPLICATE_KEY = 11000

function isDuplicateKey (err: unknown): boolean {
  return err instanceof MongoServerError && err.code === DUPLICATE_KEY
}

function toPrincipal (doc: Pick<ApiKeyDocument, '_id' | 'name' | 'scopes' | 'rateLimit' | 'requireSignature'>): Principal {
  const principal: Principal = { keyId: doc._id.toHexString(), name: doc.name, scopes: [...doc.scopes] }
  if (typeof doc.rateLimit === 'number') principal.rateLimit = doc.rateLimit
  if (doc.requireSignature === true) principal.requireSignature = true
  return principal
}

function toSummary (doc: Omit<ApiKeyDocument, 'hash' | 'signingSecret'>): ApiKeySummary {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    scopes: [...doc.scopes],
    createdAt: doc.createdAt,
    revokedAt: doc.revokedAt ?? null,
    expiresAt: doc.expiresAt ?? null,
    rateLimit: doc.rateLimit ?? null,
    requireSignature: doc.requireSignature === true
  }
}

export const MAX_KEY_RATE_LIMIT = 1_000_000

function validateOptions (input: CreateKeyInput, now: Date): Pick<ApiKeyDocument, 'expiresAt' | 'rateLimit'> {
  const options: Pick<ApiKeyDocument, 'expiresAt' | 'rateLimit'> = {}
  if (input.expiresAt !== undefined) {
    if (Number.isNaN(input.expiresAt.getTime()) || input.expiresAt.getTime() <= now.getTime()) {
      throw new RangeError('expiresAt must be a time in the future')
    }
    options.expiresAt = input.expiresAt
  }
  if (input.rateLimit !== undefined) {
    if (!Number.isInteger(input.rateLimit) || input.rateLimit < 1 || input.rateLimit > MAX_KEY_RATE_LIMIT) {
      throw new RangeError(`rateLimit must be an integer from 1 to ${MAX_KEY_RATE_LIMIT}`)
    }
    options.rateLimit = input.rateLimit
  }
  return options
}

function validateName (name: string): string {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > NAME_MAX_LENGTH) {
    throw new RangeError(`the key name must be 1 to ${NAME_MAX_LENGTH} characters`)
  }
  return trimmed
}

function validateScopes (scopes: readonly Scope[]): Scope[] {
  const unique = [...new Set(scopes)]
  if (unique.length === 0) throw new RangeError(`a key needs at least one scope (${SCOPES.join(', ')})`)
  for (const scope of unique) {
    if (!SCOPES.includes(scope)) throw new RangeError(`unknown scope '${String(scope)}'`)
  }
  return unique
}

// API keys in the `api_keys` collection (DESIGN.md 4 and 6): only sha256 digests are stored, lookups go
// through the unique index on `hash`, and the digests are compared in constant time.
export function createApiKeyStore ({
  db,
  now = () => new Date(),
  cacheTtlMs = 5000,
  cacheMaxEntries = 10_000,
  equal = hashesEqual
}: ApiKeyStoreOptions) {
  const keys = db.collection<ApiKeyDocument>('api_keys')
  // Verified digests only: unknown or revoked keys always go to the database, so a revoked key can never
  // be served from here once this process has seen it refused.
  const cache = new Map<string, { principal: Principal, signingSecret?: string, expiresAt: number }>()

  function remember (hash: string, principal: Principal, signingSecret: string | undefined, keyExpiresAt: Date | undefined): void {
    if (cacheTtlMs <= 0) return
    cache.delete(hash)
    // Never trusted past the key's own expiry.
    const until = Math.min(now().getTime() + cacheTtlMs, keyExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY)
    cache.set(hash, { principal, ...(signingSecret === undefined ? {} : { signingSecret }), expiresAt: until })
    if (cache.size > cacheMaxEntries) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
  }

  function forgetKey (keyId: string): void {
    for (const [hash, entry] of cache) {
      if (entry.principal.keyId === keyId) cache.delete(hash)
    }
  }

  async function check (presentedKey: string): Promise<VerifyResult> {
    const hash = hashApiKey(presentedKey)
    const cached = cache.get(hash)
    if (cached !== undefined) {
      if (cached.expiresAt > now().getTime()) {
        return { ok: true, principal: cached.principal, ...(cached.signingSecret === undefined ? {} : { signingSecret: cached.signingSecret }) }
      }
      cache.delete(hash)
    }
    const doc = await keys.findOne({ hash }, { projection: { _id: 1, name: 1, hash: 1, scopes: 1, revokedAt: 1, expiresAt: 1, rateLimit: 1, requireSignature: 1, signingSecret: 1 } })
    if (doc === null || !equal(doc.hash, hash)) return { ok: false, reason: 'unknown' }
    if (doc.revokedAt !== undefined && doc.revokedAt !== null) return { ok: false, reason: 'revoked' }
    if (doc.expiresAt instanceof Date && doc.expiresAt.getTime() <= now().getTime()) {
      const recorded = await keys.updateOne({ _id: doc._id, expiryRecordedAt: { $exists: false } }, { $set: { expiryRecordedAt: now() } })
      return { ok: false, reason: 'expired', keyId: doc._id.toHexString(), name: doc.name, firstRefusal: recorded.modifiedCount === 1 }
    }
    const principal = toPrincipal(doc)
    const signingSecret = doc.requireSignature === true ? doc.signingSecret : undefined
    remember(hash, principal, signingSecret, doc.expiresAt)
    return { ok: true, principal, ...(signingSecret === undefined ? {} : { signingSecret }) }
  }

  return {
    /** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
    async create (input: CreateKeyInput): Promise<CreatedKey> {
      const createdAt = now()
      const doc: ApiKeyDocument = {
        _id: new ObjectId(),
        name: validateName(input.name),
        hash: '',
        scopes: validateScopes(input.scopes),
        createdAt,
        ...validateOptions(input, createdAt)
      }
      const key = generateApiKey()
      doc.hash = hashApiKey(key)
      let signingSecret: string | undefined
      if (input.requireSignature === true) {
        signingSecret = generateSigningSecret()
        doc.requireSignature = true
        doc.signingSecret = signingSecret
      }
      await keys.insertOne(doc)
      return { id: doc._id.toHexString(), key, ...(signingSecret === undefined ? {} : { signingSecret }), summary: toSummary(doc) }
    },

    check,

    async verify (presentedKey: string): Promise<Principal | null> {
      const result = await check(presentedKey)
      return result.ok ? result.principal : null
    },

    async list (): Promise<ApiKeySummary[]> {
      const docs = await keys.find({}, { projection: { hash: 0, signingSecret: 0 } }).sort({ createdAt: 1, _id: 1 }).toArray()
      return docs.map(toSummary)
    },

    /** True when this call revoked the key; false when no such key exists or it was already revoked. */
    async revoke (id: string): Promise<boolean> {
      if (!ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) return false
      const result = await keys.updateOne(
        { _id: new ObjectId(id), revokedAt: { $exists: false } },
        { $set: { revokedAt: now() } }
      )
      forgetKey(id.toLowerCase())
      return result.modifiedCount === 1
    },

    /**
     * Ensures the key from API_KEY / API_KEY_FILE exists with every scope. Idempotent, and safe when
     * several instances start together. A revoked bootstrap key stays revoked: revocation is the
     * operator's decision, and rotating means setting a new API_KEY.
     */
    async bootstrap (key: string): Promise<BootstrapResult> {
      const hash = hashApiKey(key)
      for (let attempt = 0; attempt < 2; attempt++) {
        const existing = await keys.findOne({ hash }, { projection: { _id: 1, scopes: 1, revokedAt: 1 } })
        if (existing !== null) {
          const revoked = existing.revokedAt !== undefined && existing.revokedAt !== null
          if (!revoked && SCOPES.some((scope) => !existing.scopes.includes(scope))) {
            await keys.updateOne({ _id: existing._id }, { $set: { scopes: [...SCOPES] } })
          }
          return { id: existing._id.toHexString(), created: false, revoked }
        }
        const doc: ApiKeyDocument = { _id: new ObjectId(), name: BOOTSTRAP_KEY_NAME, hash, scopes: [...SCOPES], createdAt: now() }
        try {
          await keys.insertOne(doc)
          return { id: doc._id.toHexString(), created: true, revoked: false }
        } catch (err) {
          // Another instance inserted the same key between our read and our insert: read theirs.
          if (!isDuplicateKey(err)) throw err
        }
      }
      throw new Error('the bootstrap API key could not be stored')
    },

    /** Keys that are not revoked, for the start-up warning when none can authenticate. */
    async countActive (): Promise<number> {
      return keys.countDocuments({ revokedAt: { $exists: false }, $or: [{ expiresAt: { $exists: false } }, { expiresAt: { $gt: now() } }] })
    }
  }
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>
