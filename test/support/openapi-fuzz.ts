// Requests generated from the OpenAPI document with fast-check (issue 12): every operation's path
// parameters, queries, headers and body, valid by the schema or hostile (operator injection, prototype
// keys, lone surrogates, huge strings, deep nesting, malformed JSON, wrong content types). A new route in
// docs/openapi.json is fuzzed by the suites without new test code.
import fc from 'fast-check'

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  pattern?: string
  examples?: unknown[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

export interface Operation {
  method: string
  path: string
  params: Array<{ name: string, in: 'path' | 'query' | 'header', schema: JsonSchema }>
  body?: JsonSchema
  /** The operation needs an API key (`security` is not empty). */
  secured: boolean
}

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** Raw body bytes as sent; undefined for no body. */
  payload?: string | Buffer
  /** What the case is, for the failure message. */
  label: string
}

interface OpenApiDocument {
  paths: Record<string, Record<string, {
    parameters?: Array<{ name: string, in: string, schema?: JsonSchema }>
    requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
    security?: unknown[]
  }>>
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

export function operationsOf (doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue
      const params = (op.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
        .map((p) => ({ name: p.name, in: p.in as 'path' | 'query' | 'header', schema: p.schema ?? { type: 'string' } }))
      const body = op.requestBody?.content?.['application/json']?.schema
      operations.push({ method: method.toUpperCase(), path, params, ...(body === undefined ? {} : { body }), secured: (op.security ?? []).length > 0 })
    }
  }
  return operations
}

/** Values an attacker tries in any string slot. */
export const HOSTILE_STRINGS = [
  '', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}',
  '{"$gt":""}', '$gt', '$where', '$ne', '__proto__', 'constructor', 'prototype', 'constructor.prototype',
  '\uD800', 'a\uDC00b', '\u0000', '\r\nX-Injected: 1', '../../etc/passwd', '%00', '%', '%E0%A4%A',
  '000000000000000000000000', 'ffffffffffffffffffffffff', '665f1c2ab4e1f2a3b4c5d6e7',
  '\u202E\uFEFF', 'ñandú', '😀'.repeat(3), '<script>alert(1)</script>', "' OR 1=1 --"
]

/** Values an attacker puts where JSON takes any value. */
const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    { $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }, ['$gt', ''],
    JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } },
    null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [[[[]]]]
  ),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 })
)

function typeOf (schema: JsonSchema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type
  if (t !== undefined) return t
  if (schema.properties !== undefined) return 'object'
  return undefined
}

/** A value valid by the schema (as far as a generator can tell without the pattern engine). */
export function validValue (schema: JsonSchema, known: () => string[]): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => validValue(s, known)))
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  switch (typeOf(schema)) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'array':
      return fc.array(validValue(schema.items ?? {}, known), { maxLength: 3 })
    case 'object': {
      const props = schema.properties ?? {}
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, sub] of Object.entries(props)) record[name] = validValue(sub, known)
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) })
    }
    default: {
      const min = schema.minLength ?? 0
      const max = Math.min(schema.maxLength ?? 64, 64)
      const examples = (schema.examples ?? []).filter((e): e is string => typeof e === 'string')
      return fc.oneof(
        ...(examples.length > 0 ? [fc.constantFrom(...examples)] : []),
        fc.constant(null).map(() => { const ids = known(); return ids[Math.floor(Math.random() * ids.length)] ?? 'x' }),
        fc.stringMatching(/^[a-z0-9][a-z0-9_-]*$/).filter((s) => s.length >= Math.max(min, 1) && s.length <= Math.max(max, 1)),
        fc.string({ minLength: min, maxLength: Math.max(min, max) })
      )
    }
  }
}

/** A value valid by the schema, or hostile, at every level. */
export function anyValue (schema: JsonSchema, known: () => string[]): fc.Arbitrary<unknown> {
  const t = typeOf(schema)
  if (t === 'object' && schema.properties !== undefined) {
    const record: Record<string, fc.Arbitrary<unknown>> = {}
    for (const [name, sub] of Object.entries(schema.properties)) record[name] = anyValue(sub, known)
    const base = fc.record(record, { requiredKeys: [] })
    return fc.oneof(
      { weight: 3, arbitrary: base },
      { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom('__proto__', 'constructor', '$where', '$set', 'extra'), hostileJsonValue).map(([o, k, v]) => ({ ...(o as object), ...JSON.parse(JSON.stringify({ [k]: v })) })) },
      { weight: 1, arbitrary: hostileJsonValue }
    )
  }
  return fc.oneof({ weight: 3, arbitrary: validValue(schema, known) }, { weight: 2, arbitrary: hostileJsonValue })
}

/** snake_case and camelCase of every key, for Twirp bodies in both casings. */
export function recase (value: unknown, to: 'snake' | 'camel'): unknown {
  if (Array.isArray(value)) return value.map((v) => recase(v, to))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const key = to === 'snake' ? k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()) : k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())
    Object.defineProperty(out, key, { value: recase(v, to), enumerable: true, writable: true, configurable: true })
  }
  return out
}

function deep (depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

/** Body texts that are not what the route expects. */
export const hostileBodyText: fc.Arbitrary<{ text: string | Buffer, contentType: string, label: string }> = fc.oneof(
  fc.constantFrom(
    { text: '{"message": "hi"', contentType: 'application/json', label: 'truncated JSON' },
    { text: '{"message": "hi",}', contentType: 'application/json', label: 'trailing comma' },
    { text: "{'message': 'hi'}", contentType: 'application/json', label: 'single quotes' },
    { text: '', contentType: 'application/json', label: 'empty JSON body' },
    { text: 'null', contentType: 'application/json', label: 'null body' },
    { text: '"just a string"', contentType: 'application/json', label: 'string body' },
    { text: '12345', contentType: 'application/json', label: 'number body' },
    { text: deep(5000), contentType: 'application/json', label: 'deep array nesting' },
    { text: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), contentType: 'application/json', label: 'deep object nesting' },
    { text: '{"message":"' + 'x'.repeat(2 * 1024 * 1024) + '"}', contentType: 'application/json', label: 'huge string (over BODY_LIMIT)' },
    { text: '{"message":"\\ud800"}', contentType: 'application/json', label: 'escaped lone surrogate' },
    { text: '{"message":"hi","__proto__":{"polluted":true}}', contentType: 'application/json', label: '__proto__ key' },
    { text: '{"message":"hi","constructor":{"prototype":{"polluted":true}}}', contentType: 'application/json', label: 'constructor.prototype key' },
    { text: 'message=hi', contentType: 'application/x-www-form-urlencoded', label: 'form body' },
    { text: 'message: hi', contentType: 'text/plain', label: 'text body' },
    { text: '<message>hi</message>', contentType: 'application/xml', label: 'xml body' },
    { text: '{"message":"hi"}', contentType: 'application/json; charset=latin1', label: 'unsupported charset' },
    { text: '{"message":"hi"}', contentType: 'multipart/form-data; boundary=x', label: 'multipart' },
    { text: '{"message":"hi"}', contentType: '', label: 'empty content type' },
    { text: '{"message":"hi"}', contentType: 'application/json\u0000', label: 'NUL content type' }
  ),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ text: Buffer.concat([Buffer.from('{"message":"'), Buffer.from(bytes), Buffer.from('"}')]), contentType: 'application/json', label: 'raw bytes in a JSON string' })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, contentType: 'application/json', label: 'random text as JSON' }))
)

export interface FuzzContext {
  /** Ids worth trying in `{id}` slots: the caller's own, another owner's, nonsense. */
  ids: () => string[]
  /** Cursors worth trying: real, tampered, forged. */
  cursors: () => string[]
  headers: Record<string, string>
}

// encodeURIComponent throws on a lone surrogate; it is sent as the bytes a WTF-8 encoder would write
// (%ED%A0%80), which are invalid UTF-8 in a URL: exactly what the server must refuse cleanly.
export function encode (value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[^\uD800-\uDFFF]+|[\uD800-\uDBFF][\uDC00-\uDFFF]/g, (part) => {
    if (part.length === 1 && part.charCodeAt(0) >= 0xd800 && part.charCodeAt(0) <= 0xdfff) {
      const c = part.charCodeAt(0)
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => '%' + b.toString(16).toUpperCase()).join('')
    }
    return encodeURIComponent(part)
  })
}

function fill (path: string, values: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encode(String(values[name] ?? 'x')))
}

function encodeQuery (values: Array<[string, unknown]>): string {
  const parts = values.map(([k, v]) => {
    if (v !== null && typeof v === 'object') {
      // The bracket syntax qs-style parsers turn into objects: ?cursor[$gt]=
      return Object.entries(v as Record<string, unknown>).map(([sub, sv]) => `${encode(k)}[${encode(sub)}]=${encode(String(sv))}`).join('&')
    }
    return `${encode(k)}=${encode(String(v))}`
  })
  return parts.length === 0 ? '' : '?' + parts.join('&')
}

/** One request for `op`: parameters valid or hostile, body valid, hostile or not JSON at all. */
export function requestFor (op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const known = (): string[] => [...ctx.ids(), ...ctx.cursors()]
  const paramArbs = op.params.map((p) => {
    if (p.name === 'cursor' || p.name === 'before') return fc.oneof(fc.constant(null).map(() => { const c = ctx.cursors(); return c[Math.floor(Math.random() * c.length)] ?? '' }), anyValue(p.schema, known))
    if (p.in === 'path' && /id$/i.test(p.name)) return fc.oneof(fc.constant(null).map(() => { const c = ctx.ids(); return c[Math.floor(Math.random() * c.length)] ?? 'x' }), anyValue(p.schema, known))
    return anyValue(p.schema, known)
  })
  const include = op.params.map((p) => p.in === 'path' ? fc.constant(true) : fc.boolean())
  const twirp = op.path.startsWith('/twirp/')
  const bodyArb: fc.Arbitrary<{ text: string | Buffer, contentType: string, label: string } | undefined> = op.body === undefined
    ? fc.constant(undefined)
    : fc.oneof(
      { weight: 4, arbitrary: fc.tuple(anyValue(op.body, known), fc.constantFrom<'snake' | 'camel'>('snake', 'camel')).map(([v, casing]) => ({ text: JSON.stringify(twirp ? recase(v, casing) : v) ?? 'null', contentType: 'application/json', label: twirp ? `twirp ${casing}_case body` : 'schema body' })) },
      { weight: 2, arbitrary: hostileBodyText }
    )
  return fc.tuple(fc.tuple(...paramArbs), fc.tuple(...include), bodyArb).map(([values, included, body]) => {
    const pathValues: Record<string, unknown> = {}
    const query: Array<[string, unknown]> = []
    const headers: Record<string, string> = { ...ctx.headers }
    op.params.forEach((p, i) => {
      const v = values[i]
      if (p.in === 'path') pathValues[p.name] = typeof v === 'object' && v !== null ? JSON.stringify(v) : v
      else if (!included[i]) { /* left out */ } else if (p.in === 'query') query.push([p.name, v])
      else {
        // Header values must be latin-1 without CR/LF: anything else is refused by the client itself.
        const s = (typeof v === 'string' ? v : JSON.stringify(v) ?? '').replace(/[^\x20-\x7e]/g, '?')
        headers[p.name] = s
      }
    })
    const request: FuzzRequest = { method: op.method, url: fill(op.path, pathValues) + encodeQuery(query), headers, label: `${op.method} ${op.path}` }
    if (body !== undefined) {
      request.payload = body.text
      if (body.contentType !== '') headers['content-type'] = body.contentType
      request.label += ` (${body.label})`
    }
    return request
  })
}

/** Every operation's requests, weighted equally. */
export function anyRequest (operations: Operation[], ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operations.map((op) => requestFor(op, ctx)))
}

/** Traces of internals a response must never carry. */
export const LEAK_PATTERNS: RegExp[] = [
  /\bat [\w.<>]+ \(/, // stack frame
  /node_modules/,
  /\/work\//,
  /MongoServerError|MongoError|BSONError|E11000/
]

/**
 * Internal ids and key hashes, which no chat route answers. The admin routes (scope admin) answer key ids
 * by design: GET /v1/admin/keys lists them for revocation and the audit log names the acting key and its
 * chain hashes; they still never answer a key's hash or secret (test/routes/v1/admin).
 */
export const INTERNAL_ID_PATTERN = /ownerId|keyId|"hash"/

/** The leak patterns a response to `path` is checked against. */
export function leakPatternsFor (path: string): RegExp[] {
  return path.startsWith('/v1/admin/') ? LEAK_PATTERNS : [...LEAK_PATTERNS, INTERNAL_ID_PATTERN]
}
