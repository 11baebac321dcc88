// Checks real responses against the OpenAPI document with Ajv (JSON Schema 2020-12, the dialect of
// OpenAPI 3.1): the status is documented for the operation, every documented header that is required
// is there and every header sent matches its schema, no cross-cutting header is sent where the document
// does not say so, and the body has a documented media type and matches its schema.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { LightMyRequestResponse as InjectResponse } from 'fastify'

export interface Operation {
  operationId: string
  method: string
  path: string
  responses: Record<string, DocResponse>
}

interface DocResponse {
  description?: string
  headers?: Record<string, { $ref?: string, required?: boolean, schema?: object }>
  content?: Record<string, { schema?: object }>
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId?: string, responses?: Record<string, DocResponse> }>>
  components: { headers?: Record<string, { required?: boolean, schema: object }> }
}

const DOCUMENT_ID = 'openapi.json'

function pointer (...segments: string[]): string {
  return segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')
}

function mediaType (contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

export class OpenApiContract {
  readonly operations: Map<string, Operation>
  private readonly ajv: Ajv2020
  private readonly validators = new Map<string, ValidateFunction>()
  private readonly watchedHeaders: string[]

  constructor (private readonly document: OpenApiDocument) {
    // strict: false because OpenAPI adds keywords of its own (example, x-examples) to its schemas.
    this.ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(this.ajv)
    this.ajv.addSchema(document, DOCUMENT_ID)
    this.operations = new Map()
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation.operationId === undefined) throw new Error(`${method.toUpperCase()} ${path} has no operationId`)
        this.operations.set(operation.operationId, { operationId: operation.operationId, method: method.toUpperCase(), path, responses: operation.responses ?? {} })
      }
    }
    this.watchedHeaders = Object.keys(document.components.headers ?? {}).map((name) => name.toLowerCase())
  }

  operation (operationId: string): Operation {
    const operation = this.operations.get(operationId)
    if (operation === undefined) throw new Error(`no operation ${operationId} in the document`)
    return operation
  }

  /** The schema of a response body (for streamed events that reuse another response's shape). */
  validator (operationId: string, status: string, media = 'application/json'): ValidateFunction {
    const operation = this.operation(operationId)
    const ref = `${DOCUMENT_ID}#/${pointer('paths', operation.path, operation.method.toLowerCase(), 'responses', status, 'content', media, 'schema')}`
    let validate = this.validators.get(ref)
    if (validate === undefined) {
      const compiled = this.ajv.getSchema(ref)
      if (compiled === undefined) throw new Error(`no schema at ${ref}`)
      validate = compiled
      this.validators.set(ref, validate)
    }
    return validate
  }

  schemaErrors (validate: ValidateFunction, value: unknown): string[] {
    if (validate(value)) return []
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'invalid'}`)
  }

  /** Every way this response breaks the document for that operation; empty when it keeps it. */
  check (operationId: string, response: InjectResponse, options: { stream?: boolean } = {}): string[] {
    const operation = this.operation(operationId)
    const problems: string[] = []
    const request = response.raw.req
    const template = new RegExp(`^${operation.path.replaceAll(/\{[^}]+\}/g, '[^/]+')}(\\?.*)?$`)
    if (request.method !== operation.method || !template.test(request.url ?? '')) {
      problems.push(`the request ${request.method} ${request.url} is not ${operation.method} ${operation.path}`)
    }
    const status = String(response.statusCode)
    const documented = operation.responses[status]
    if (documented === undefined) return [...problems, `status ${status} is not documented (${Object.keys(operation.responses).join(', ')}): ${response.body.slice(0, 200)}`]
    problems.push(...this.checkHeaders(documented, response))
    problems.push(...this.checkBody(operationId, status, documented, response, options.stream === true))
    return problems
  }

  private checkHeaders (documented: DocResponse, response: InjectResponse): string[] {
    const problems: string[] = []
    const declared = new Set<string>()
    for (const [name, entry] of Object.entries(documented.headers ?? {})) {
      const header = entry.$ref === undefined ? entry : this.document.components.headers?.[entry.$ref.split('/').at(-1) ?? '']
      if (header === undefined) {
        problems.push(`header ${name}: unresolvable ${entry.$ref ?? ''}`)
        continue
      }
      declared.add(name.toLowerCase())
      const value = response.headers[name.toLowerCase()]
      if (value === undefined) {
        if (header.required === true) problems.push(`required header ${name} missing`)
        continue
      }
      const errors = this.schemaErrors(this.ajv.compile(header.schema ?? {}), String(value))
      if (errors.length > 0) problems.push(`header ${name}: ${JSON.stringify(value)} ${errors.join('; ')}`)
    }
    for (const name of this.watchedHeaders) {
      if (response.headers[name] !== undefined && !declared.has(name)) problems.push(`header ${name} sent but not documented for this response`)
    }
    return problems
  }

  private checkBody (operationId: string, status: string, documented: DocResponse, response: InjectResponse, stream: boolean): string[] {
    const sent = mediaType(response.headers['content-type'] as string | undefined)
    if (stream) {
      // A streamed reply is documented in prose (no media type, so Swagger UI asks for JSON): the
      // runner checks its events; here only that it is an event stream.
      return sent === 'text/event-stream' ? [] : [`expected text/event-stream, got ${sent}`]
    }
    const content = documented.content
    if (content === undefined) return response.body.length === 0 ? [] : [`no body documented, got ${response.body.length} bytes of ${sent}`]
    if (content[sent] === undefined) return [`content type ${sent} is not documented (${Object.keys(content).join(', ')})`]
    let body: unknown = response.body
    if (sent === 'application/json') {
      try {
        body = JSON.parse(response.body)
      } catch {
        return [`the body is not JSON: ${response.body.slice(0, 200)}`]
      }
    }
    return this.schemaErrors(this.validator(operationId, status, sent), body).map((e) => `body ${e}`)
  }
}
