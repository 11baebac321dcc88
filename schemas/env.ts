import { Type, type Static } from 'typebox'

// The one configuration schema. Values arrive as strings from the environment; env-schema (through
// @fastify/env in the app, directly in the CLI) coerces and validates them, and fills the defaults.
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ default: 8080, minimum: 0, maximum: 65535, description: 'HTTP port' }),
  HOST: Type.String({ default: '0.0.0.0', minLength: 1, description: 'HTTP bind address' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', description: 'pino log level' }
  ),
  LOG_CONTENT: Type.Boolean({ default: false, description: 'log message content (off: never logged)' }),
  MONGODB_URI: Type.Optional(Type.String({ minLength: 1, pattern: '^mongodb(\\+srv)?://', description: 'MongoDB connection string; unset: embedded server' })),
  MONGODB_DB: Type.String({ default: 'acai', pattern: '^[A-Za-z0-9_-]{1,63}$', description: 'database name' }),
  MONGODB_TIMEOUT_MS: Type.Integer({ default: 3000, minimum: 50, maximum: 60000, description: 'how long to wait to select or connect to a MongoDB server before a request fails with 503' }),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1, description: 'embedded server data directory; unset: in memory' })),
  REDIS_URL: Type.Optional(Type.String({ minLength: 1, pattern: '^rediss?://', description: 'Redis URL; unset: in-process cache and rate-limit store' })),
  REDIS_STARTUP_WAIT_MS: Type.Integer({ default: 2000, minimum: 0, maximum: 60000, description: 'how long start-up waits for Redis before continuing degraded (it keeps reconnecting)' }),
  API_KEY: Type.Optional(Type.String({ minLength: 16, description: 'bootstrap API key with every scope' })),
  API_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'file holding the bootstrap API key' })),
  RATE_LIMIT_MAX: Type.Integer({ default: 10, minimum: 1, description: 'requests per client IP per window' }),
  RATE_LIMIT_KEY_MAX: Type.Integer({ default: 20, minimum: 1, description: 'requests per API key per window' }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 1000, minimum: 1, description: 'rate-limit window in milliseconds' }),
  RATE_LIMIT_ALLOWLIST: Type.String({ default: '', description: 'comma-separated client IPs never rate limited' }),
  TRUST_PROXY: Type.String({ default: 'false', description: 'false, true, a hop count, or comma-separated proxy addresses/CIDRs' }),
  CORS_ORIGINS: Type.String({ default: '', description: 'comma-separated allowed origins; empty: CORS off' }),
  BODY_LIMIT: Type.Integer({ default: 65536, minimum: 1024, description: 'maximum request body in bytes' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 100, description: 'grace period for in-flight requests on SIGTERM' }),
  DOCS_ENABLED: Type.Boolean({ default: true, description: 'serve /docs and /docs/json' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+[^/\\s]$', description: 'the URL API clients reach this service at (behind a proxy, say), without a trailing slash: the server of the OpenAPI document; unset: relative, the host that serves the document' })),
  API_CONTACT: Type.Optional(Type.String({ pattern: '^(https?://[^\\s]+|[^@\\s]+@[^@\\s]+)$', description: 'where API users get help with this deployment, a URL or an email address: the contact of the OpenAPI document; unset: the package maintainers, without an address' })),
  HEALTH_PROBE_INTERVAL_MS: Type.Integer({ default: 1000, minimum: 0, maximum: 60000, description: '/health and /ready probe MongoDB and Redis at most this often and answer from the last result in between; 0: every request probes' }),
  MIGRATE_ON_START: Type.Boolean({ default: true, description: 'apply pending migrations at start-up' }),
  API_KEY_CACHE_TTL_MS: Type.Integer({ default: 5000, minimum: 0, maximum: 60000, description: 'how long a verified API key is trusted without a database lookup; a revoked key is refused within this time; 0: no cache' }),
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0, description: 'shed load (503) above this mean event-loop delay in milliseconds; 0: off' }),
  PRESSURE_MAX_HEAP_USED_RATIO: Type.Number({ default: 0.9, minimum: 0, maximum: 1, description: 'shed load (503) above this share of the V8 heap limit in use; 0: off' }),
  PRESSURE_SAMPLE_INTERVAL_MS: Type.Integer({ default: 1000, minimum: 10, maximum: 60000, description: 'how often the event-loop delay and heap use are sampled for load shedding' }),
  MAX_MESSAGE_LENGTH: Type.Integer({ default: 4000, minimum: 1, maximum: 32000, description: 'maximum characters of a chat message after trimming' }),
  SESSION_TTL_SECONDS: Type.Integer({ default: 1800, minimum: 1, description: 'a chat session continues its conversation until this long without a message (sliding)' }),
  MAX_TOOL_ITERATIONS: Type.Integer({ default: 5, minimum: 1, maximum: 20, description: 'rounds of tool calls per reply before the assistant must answer' }),
  MAX_CONTEXT_TOKENS: Type.Integer({ default: 8000, minimum: 256, description: 'token budget of the prompt: system prompt, summary, tools, history and message' }),
  TOOL_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 100, description: 'per-tool timeout in milliseconds' }),
  WEATHER_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'WeatherAPI.com key (sent only over HTTPS); unset: Open-Meteo, which needs no key' })),
  WEATHER_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'forecast API base URL; unset: https://api.open-meteo.com, or https://api.weatherapi.com/v1 with WEATHER_API_KEY' })),
  GEOCODING_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'Open-Meteo geocoding API base URL; unset: https://geocoding-api.open-meteo.com' })),
  WEATHER_TIMEOUT_MS: Type.Integer({ default: 3000, minimum: 50, maximum: 60000, description: 'deadline of one weather lookup step (geocoding or forecast), retries included' }),
  WEATHER_BREAKER_THRESHOLD: Type.Integer({ default: 5, minimum: 1, maximum: 1000, description: 'consecutive failed weather requests that open the circuit' }),
  WEATHER_BREAKER_HALF_OPEN_MS: Type.Integer({ default: 30000, minimum: 10, maximum: 3600000, description: 'how long the weather circuit stays open before one request may test the service again' }),
  IDEMPOTENCY_WAIT_MS: Type.Integer({ default: 10000, minimum: 0, description: 'how long a duplicate request with the same Idempotency-Key waits for the first before answering 409' })
})

export type Env = Static<typeof EnvSchema>
