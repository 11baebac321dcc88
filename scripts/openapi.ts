// Writes docs/openapi.json and the typed client's types from the app: `npm run openapi`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLIENT_TYPES_PATH, DOCUMENT_PATH, clientTypesText, documentText, generateOpenApiDocument } from './openapi-document.js'

const root = join(import.meta.dirname, '..')
const document = await generateOpenApiDocument()
writeFileSync(join(root, DOCUMENT_PATH), documentText(document))
writeFileSync(join(root, CLIENT_TYPES_PATH), await clientTypesText(document))
console.log(`wrote ${DOCUMENT_PATH} and ${CLIENT_TYPES_PATH}`)
