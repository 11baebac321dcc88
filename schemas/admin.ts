import { Type, type Static } from 'typebox'
import { AUDIT_ACTIONS, type AuditAction } from '../lib/audit-log/chain.js'
import { PlatformSchema } from './conversations.js'

// System prompts per platform (DESIGN.md 3.5, 4): every PUT adds a version; the newest is the active one.

export const PromptSchema = Type.Object({
  platform: Type.String({ examples: ['telegram'] }),
  version: Type.Integer({ minimum: 1, examples: [2] }),
  text: Type.String(),
  active: Type.Boolean({ description: 'the version replies use (the newest)' }),
  createdAt: Type.Optional(Type.String({ format: 'date-time' }))
})

export type Prompt = Static<typeof PromptSchema>

export const PromptListSchema = Type.Object({ items: Type.Array(PromptSchema) })

export const PromptListQuerySchema = Type.Object({
  platform: Type.Optional(PlatformSchema)
}, { additionalProperties: false })

export const PromptParamsSchema = Type.Object({
  platform: Type.String({ ...PlatformSchema, description: 'the platform (lower case); `default` applies to platforms without their own prompt' })
})

export const PutPromptBodySchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 20000, description: 'the system prompt (trimmed)' })
}, { additionalProperties: false, examples: [{ text: 'You are Acai on Telegram: answer in at most three sentences.' }] })

// API keys (issue 15): never the key or its hash, except the key (and signing secret) once, at creation.
export const ScopeSchema = Type.Union([Type.Literal('chat'), Type.Literal('metrics'), Type.Literal('admin')])

export const ApiKeySchema = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{24}$' }),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('expired')]),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'refused from this time on, like a revoked key; null: never' }),
  rateLimit: Type.Union([Type.Integer(), Type.Null()], { description: 'requests per rate-limit window for this key; null: RATE_LIMIT_KEY_MAX' }),
  requireSignature: Type.Boolean({ description: 'every request must carry X-Acai-Timestamp and X-Acai-Signature' })
})

export type ApiKeyView = Static<typeof ApiKeySchema>

export const ApiKeyListSchema = Type.Object({ items: Type.Array(ApiKeySchema) })

export const CreateKeyBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'what the key is for (trimmed)' }),
  scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'a future time from which the key is refused' })),
  rateLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000000, description: 'requests per rate-limit window (RATE_LIMIT_WINDOW_MS) instead of RATE_LIMIT_KEY_MAX' })),
  requireSignature: Type.Optional(Type.Boolean({ description: 'true: requests must be HMAC-signed with the signing secret answered once' }))
}, { additionalProperties: false, examples: [{ name: 'telegram-bot', scopes: ['chat'], expiresAt: '2027-01-01T00:00:00Z', requireSignature: true }] })

export const CreatedKeySchema = Type.Object({
  ...ApiKeySchema.properties,
  key: Type.String({ description: 'the API key: shown only in this answer, store it now' }),
  signingSecret: Type.Optional(Type.String({ description: 'with requireSignature: the HMAC secret, shown only in this answer' }))
})

export const KeyParamsSchema = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{24}$', description: 'the key id (GET /v1/admin/keys)' })
})

// The audit log (issue 15).
export const AuditActionSchema = Type.Unsafe<AuditAction>(Type.Union(AUDIT_ACTIONS.map((action) => Type.Literal(action))))

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'position in the chain' }),
  time: Type.String({ format: 'date-time' }),
  actor: Type.Object({
    type: Type.Union([Type.Literal('key'), Type.Literal('cli'), Type.Literal('system'), Type.Literal('anonymous')]),
    keyId: Type.Optional(Type.String()),
    name: Type.Optional(Type.String())
  }),
  action: AuditActionSchema,
  target: Type.String({ examples: ['key:665f1c2ab4e1f2a3b4c5d6e7'] }),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  count: Type.Optional(Type.Integer({ description: 'auth.failures: failed attempts in that minute' })),
  prevHash: Type.String({ description: 'sha256 of the previous entry' }),
  hash: Type.String({ description: 'sha256 of this entry, prevHash included' })
})

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  next: Type.Union([Type.Integer(), Type.Null()], { description: 'pass as `before` for older entries; null on the last page' })
})

export const AuditQuerySchema = Type.Object({
  action: Type.Optional(AuditActionSchema),
  actor: Type.Optional(Type.String({ pattern: '^([0-9a-f]{24}|cli|system|anonymous)$', description: 'an API key id, or cli, system, anonymous' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'entries at or after this time' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'entries before this time' })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'entries older than this seq (the previous page\'s `next`)' })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 })
}, { additionalProperties: false })
