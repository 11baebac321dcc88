// Query strings and path parameters coerced to numbers are finite, or the request is a 400.
// Ajv 8 coerces "Infinity" and "1e309" to Infinity for an `integer` schema and then skips its minimum and
// maximum checks, which only compare finite numbers, so `GET /v1/usage?days=1e309` reached the handler
// with days = Infinity and failed with a 500 (found by the OpenAPI fuzzer, test/reliability). Request
// bodies are JSON, which has no Infinity; only the coerced parts need the check.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'

type Part = 'querystring' | 'params'

function nonFinite (values: unknown): string | undefined {
  if (typeof values !== 'object' || values === null) return undefined
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' && !Number.isFinite(value)) return name
  }
  return undefined
}

function invalid (part: Part, name: string): Error {
  const message = `${part}/${name} must be a finite number`
  return Object.assign(new Error(message), {
    statusCode: 400,
    validation: [{ instancePath: `/${name}`, keyword: 'type', params: {}, message: 'must be a finite number' }],
    validationContext: part
  })
}

const check: preHandlerAsyncHookHandler = async (request: FastifyRequest) => {
  const inQuery = nonFinite(request.query)
  if (inQuery !== undefined) throw invalid('querystring', inQuery)
  const inParams = nonFinite(request.params)
  if (inParams !== undefined) throw invalid('params', inParams)
}

// Whether a query or params schema declares a number anywhere (TypeBox objects, unions, optionals).
function declaresNumber (schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false
  if ('type' in schema && (schema.type === 'integer' || schema.type === 'number')) return true
  return Object.values(schema).some(declaresNumber)
}

// The check is added only to routes that can coerce a number, at registration, so /health and every
// route without a numeric parameter pay nothing per request.
async function finiteNumbers (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    const schema = route.schema as { querystring?: unknown, params?: unknown } | undefined
    if (!declaresNumber(schema?.querystring) && !declaresNumber(schema?.params)) return
    const existing = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]
    route.preHandler = [check, ...existing]
  })
}

export default fp(finiteNumbers, { name: 'finite-numbers' })
