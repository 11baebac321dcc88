import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'tap'
import '../helper.js'
import { CLIENT_TYPES_PATH, DOCUMENT_PATH, clientTypesText, documentText, generateOpenApiDocument } from '../../scripts/openapi-document.js'

// docs/openapi.json and the typed client's types are committed, so clients can generate code from the
// repository without running the service: they must be what the code generates now.
const root = join(import.meta.dirname, '..', '..')

test('the committed OpenAPI document and client types are up to date (npm run openapi)', async (t) => {
  const document = await generateOpenApiDocument()
  t.ok(documentText(document) === readFileSync(join(root, DOCUMENT_PATH), 'utf8'), `${DOCUMENT_PATH} is stale: run \`npm run openapi\` and commit the result`)
  t.ok(await clientTypesText(document) === readFileSync(join(root, CLIENT_TYPES_PATH), 'utf8'), `${CLIENT_TYPES_PATH} is stale: run \`npm run openapi\` and commit the result`)
  t.match(document, { openapi: '3.1.0', servers: [{ url: '/' }] }, 'generated with the default configuration')
})
