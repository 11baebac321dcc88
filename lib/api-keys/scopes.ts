// The scopes an API key can carry (DESIGN.md 6). A route asks for exactly one; no scope implies another.
export const SCOPES = ['chat', 'metrics', 'admin'] as const

export type Scope = typeof SCOPES[number]

export function isScope (value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value)
}

// "chat,metrics" -> ['chat', 'metrics']; throws naming the unknown scope so the CLI can show it as is.
export function parseScopes (csv: string): Scope[] {
  const names = csv.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
  if (names.length === 0) throw new Error(`no scopes given; choose from ${SCOPES.join(', ')}`)
  const scopes: Scope[] = []
  for (const name of names) {
    if (!isScope(name)) throw new Error(`unknown scope '${name}'; choose from ${SCOPES.join(', ')}`)
    if (!scopes.includes(name)) scopes.push(name)
  }
  return scopes
}
