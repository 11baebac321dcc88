import { Type, type Static } from 'typebox'

// One error shape everywhere (DESIGN.md 3.4), registered once with addSchema and referenced by `$ref`.
export const ErrorResponseSchema = Type.Object({
  statusCode: Type.Integer({ examples: [404] }),
  code: Type.String({ examples: ['NOT_FOUND'] }),
  error: Type.String({ examples: ['Not Found'] }),
  message: Type.String({ examples: ['Conversation not found'] })
}, { $id: 'ErrorResponse', title: 'ErrorResponse', description: 'The error shape of every non-2xx response' })

export type ErrorResponse = Static<typeof ErrorResponseSchema>

export const ErrorRef = Type.Unsafe<ErrorResponse>(Type.Ref('ErrorResponse'))

export const ObjectIdSchema = Type.String({ pattern: '^[0-9a-f]{24}$', description: 'ObjectId as 24 hex characters', examples: ['665f1c2ab4e1f2a3b4c5d6e7'] })

// OpenAPI `security` for routes behind an API key (either scheme of plugins/external/swagger.ts).
// A key created with requireSignature also signs each request: the third alternative.
export const ApiKeySecurity: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }, { apiKey: [], signature: [], signatureTimestamp: [] }]

// OpenAPI `security` for public routes (health, readiness): no credentials, said explicitly.
export const PublicSecurity: Array<Record<string, string[]>> = []
