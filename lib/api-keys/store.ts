import { ObjectId, MongoServerError, type Db } from 'mongodb'
import { generateApiKey, hashApiKey, hashesEqual } from './key-material.js'
import { SCOPES, type Scope } from './scopes.js'

export interface Principal { keyId: string, name: string, scopes: Scope[] }

export interface ApiKeySummary { id: string, name: string, scopes: Scope[], createdAt: Date, revokedAt: Date | null }

export type VerifyResult =
  | { ok: true, principal: Principal }
  | { ok: false, reason: 'unknown' | 'revoked' }

export interface BootstrapResult { id: string, created: boolean, revoked: boolean }

interface ApiKeyDocument {
  _id: ObjectId
  name: string
  hash: string
  scopes: Scope[]
  createdAt: Date
  revokedAt?: Date
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

function toPrincipal (doc: Pick<ApiKeyDocument, '_id' | 'name' | 'scopes'>): Principal {
  return { keyId: doc._id.toHexString(), name: doc.name, scopes: [...doc.scopes] }
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
  const cache = new Map<string, { principal: Principal, expiresAt: number }>()

  function remember (hash: string, principal: Principal): void {
    if (cacheTtlMs <= 0) return
    cache.delete(hash)
    cache.set(hash, { principal, expiresAt: now().getTime() + cacheTtlMs })
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
      if (cached.expiresAt > now().getTime()) return { ok: true, principal: cached.principal }
      cache.delete(hash)
    }
    const doc = await keys.findOne({ hash }, { projection: { _id: 1, name: 1, hash: 1, scopes: 1, revokedAt: 1 } })
    if (doc === null || !equal(doc.hash, hash)) return { ok: false, reason: 'unknown' }
    if (doc.revokedAt !== undefined && doc.revokedAt !== null) return { ok: false, reason: 'revoked' }
    const principal = toPrincipal(doc)
    remember(hash, principal)
    return { ok: true, principal }
  }

  return {
    /** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
    async create ({ name, scopes }: { name: string, scopes: readonly Scope[] }): Promise<{ id: string, key: string }> {
      const doc: ApiKeyDocument = {
        _id: new ObjectId(),
        name: validateName(name),
        hash: '',
        scopes: validateScopes(scopes),
        createdAt: now()
      }
      const key = generateApiKey()
      doc.hash = hashApiKey(key)
      await keys.insertOne(doc)
      return { id: doc._id.toHexString(), key }
    },

    check,

    async verify (presentedKey: string): Promise<Principal | null> {
      const result = await check(presentedKey)
      return result.ok ? result.principal : null
    },

    async list (): Promise<ApiKeySummary[]> {
      const docs = await keys.find({}, { projection: { hash: 0 } }).sort({ createdAt: 1, _id: 1 }).toArray()
      return docs.map((doc) => ({
        id: doc._id.toHexString(),
        name: doc.name,
        scopes: [...doc.scopes],
        createdAt: doc.createdAt,
        revokedAt: doc.revokedAt ?? null
      }))
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
      return keys.countDocuments({ revokedAt: { $exists: false } })
    }
  }
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>
