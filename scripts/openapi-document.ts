// The OpenAPI document as the app with its default configuration builds it, without listening: what
// `npm run openapi` writes to docs/openapi.json and what the staleness test compares that file with.
// The machine's environment plays no part, so every checkout generates the same bytes.
import { randomBytes } from 'node:crypto'
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import app, { serverOptions } from '../app.js'
import { loadConfig } from '../lib/config/load-config.js'

export const DOCUMENT_PATH = 'docs/openapi.json'
export const CLIENT_TYPES_PATH = 'examples/client/schema.d.ts'

export async function generateOpenApiDocument (): Promise<Record<string, unknown>> {
  // A throwaway bootstrap key, so the zero-setup mode prints no development key; it is not in the document.
  const env = { LOG_LEVEL: 'silent', API_KEY: randomBytes(16).toString('hex') }
  const fastify = Fastify({ ...serverOptions(loadConfig(env)), logger: false })
  try {
    await fastify.register(fp(app), { env })
    await fastify.ready()
    return structuredClone(fastify.swagger()) as Record<string, unknown>
  } finally {
    await fastify.close()
  }
}

/** The file text of the document: two-space JSON and a final newline. */
export function documentText (document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`
}

/** The TypeScript types of the document, for examples/client (openapi-typescript). */
export async function clientTypesText (document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as unknown as OpenAPI3, { alphabetize: false })
  return `// Generated from ${DOCUMENT_PATH} by \`npm run openapi\` (openapi-typescript); do not edit.\n\n${astToString(ast)}`
}
