// Renders .env.example from the configuration schema, so the file lists every variable with its default
// and meaning exactly as the schema has them (scripts/env-example.ts writes it).

interface PropertySchema {
  description?: string
  default?: unknown
  anyOf?: ReadonlyArray<{ const?: unknown }>
}

export interface ObjectSchemaLike {
  properties: { [name: string]: object }
}

function allowedValues (property: PropertySchema): string | undefined {
  const consts = property.anyOf?.map((option) => option.const).filter((value) => value !== undefined)
  return consts !== undefined && consts.length > 0 ? consts.join(', ') : undefined
}

export function renderEnvExample (schema: ObjectSchemaLike): string {
  const lines = [
    '# acai-assistant configuration: every variable is optional. A set line shows the default; a commented',
    '# one has no default, and leaving it unset switches to the embedded or disabled behaviour it names.',
    '# Generated from schemas/env.ts by `npx tsx scripts/env-example.ts`; edit the schema, not this file.',
    ''
  ]
  for (const [name, schemaOfProperty] of Object.entries(schema.properties)) {
    const property: PropertySchema = schemaOfProperty
    lines.push(`# ${property.description ?? name}`)
    const allowed = allowedValues(property)
    if (allowed !== undefined) lines.push(`# one of: ${allowed}`)
    lines.push(property.default === undefined ? `# ${name}=` : `${name}=${String(property.default)}`)
    lines.push('')
  }
  return lines.join('\n')
}
