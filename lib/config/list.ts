// Comma-separated list variables (CORS_ORIGINS, RATE_LIMIT_ALLOWLIST): entries trimmed, empty ones dropped.
export function splitList (value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
}
