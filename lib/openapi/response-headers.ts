// The response headers that cross-cutting plugins send, added to every response of the OpenAPI document
// that carries them: routes cannot declare what the request log, the rate limiter and the idempotency
// layer add around them. Each header is described once under components.headers and referenced.
//  - X-Request-Id on every response (plugins/app/request-log.ts);
//  - RateLimit-Limit/-Remaining/-Reset on every response of a rate-limited client (plugins/app/rate-limit.ts;
//    an allowlisted client gets none, hence optional);
//  - Retry-After on every 429, and on every 503 in an error shape (a 503 /health report is not an error);
//  - Idempotent-Replayed on the 2xx responses of operations that accept an Idempotency-Key.

interface HeaderObject { description: string, required?: boolean, schema: Record<string, unknown> }
interface ResponseObject { headers?: Record<string, unknown>, content?: Record<string, { schema?: unknown }> }
interface OperationObject { parameters?: Array<{ in?: string, name?: string }>, responses?: Record<string, ResponseObject> }
interface OpenApiLike {
  components?: { headers?: Record<string, unknown> }
  paths?: Record<string, Record<string, unknown>>
}

export const RESPONSE_HEADERS: Record<string, HeaderObject> = {
  'X-Request-Id': {
    description: 'The id of this request in the service\'s log: the caller\'s own X-Request-Id when it is a token of 1 to 64 letters, digits and `_.:-`, otherwise a fresh UUID. Quote it when reporting a problem.',
    required: true,
    schema: { type: 'string', pattern: '^[\\w.:-]{1,64}$' }
  },
  'RateLimit-Limit': {
    description: 'Requests allowed per window by the limit closest to refusing (per client IP or per API key)',
    schema: { type: 'string', pattern: '^\\d+$' }
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window of that limit',
    schema: { type: 'string', pattern: '^\\d+$' }
  },
  'RateLimit-Reset': {
    description: 'Seconds until the current window of that limit ends',
    schema: { type: 'string', pattern: '^\\d+$' }
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    required: true,
    schema: { type: 'string', pattern: '^\\d+$' }
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key (the assistant did not run again)',
    schema: { type: 'string', enum: ['true'] }
  }
}

const RATE_LIMIT = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

function isErrorShaped (response: ResponseObject): boolean {
  const schema = response.content?.['application/json']?.schema
  if (typeof schema !== 'object' || schema === null) return false
  // The REST error shape is referenced; the Twirp one is inlined under its title.
  return ('$ref' in schema && schema.$ref === '#/components/schemas/ErrorResponse') || ('title' in schema && schema.title === 'TwirpError')
}

/** The names of the headers a response of this operation carries, in document order. */
export function headersFor (status: string, response: ResponseObject, operation: OperationObject): string[] {
  const names = ['X-Request-Id', ...RATE_LIMIT]
  if (status === '429' || (status === '503' && isErrorShaped(response))) names.push('Retry-After')
  const idempotent = operation.parameters?.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key') ?? false
  if (idempotent && status.startsWith('2')) names.push('Idempotent-Replayed')
  return names
}

/** Adds the cross-cutting response headers to the document (in place) and returns it. */
export function withResponseHeaders<T extends object> (generated: T): T {
  const document: OpenApiLike = generated
  document.components = { ...document.components, headers: { ...document.components?.headers, ...RESPONSE_HEADERS } }
  for (const methods of Object.values(document.paths ?? {})) {
    for (const [method, value] of Object.entries(methods)) {
      if (!HTTP_METHODS.has(method)) continue
      const operation = value as OperationObject
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const refs = Object.fromEntries(headersFor(status, response, operation).map((name) => [name, { $ref: `#/components/headers/${name}` }]))
        response.headers = { ...refs, ...response.headers }
      }
    }
  }
  return generated
}
