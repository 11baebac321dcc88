// HTTP for the weather providers: one undici Agent with connect, headers and body timeouts and kept-alive
// connections, and a JSON GET that turns every failure into a lib/resilience error. Tests pass a
// MockAgent as the dispatcher instead. URLs are never put into errors: WeatherAPI.com's carry the key.

import { Agent, request, type Dispatcher } from 'undici'
import { parseRetryAfter, UpstreamResponseError, UpstreamStatusError } from '../resilience/index.js'

/** Upstream answers are a few kilobytes; anything near this is not a weather answer. */
const MAX_RESPONSE_BYTES = 1024 * 1024

export interface WeatherDispatcherOptions {
  /** the overall deadline of a weather call: no single phase of a request may take longer */
  timeoutMs: number
}

/**
 * The Agent for weather calls. Connecting gets a third of the deadline, so a dead address is retried
 * within it; headers and body may each take the whole deadline, which the resilience policy enforces anyway.
 */
export function createWeatherDispatcher ({ timeoutMs }: WeatherDispatcherOptions): Agent {
  return new Agent({
    connect: { timeout: Math.max(100, Math.floor(timeoutMs / 3)) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 16,
    maxResponseSize: MAX_RESPONSE_BYTES
  })
}

/** base + path, keeping any path the base already has (a self-hosted instance behind a prefix). */
export function endpoint (base: string, path: string): URL {
  return new URL(path, base.endsWith('/') ? base : `${base}/`)
}

export interface JsonGetOptions {
  dispatcher: Dispatcher
  /** names the dependency in error messages ("Open-Meteo geocoding") */
  service: string
  signal: AbortSignal
  /** for Retry-After dates */
  now: () => number
  userAgent: string
}

/** GETs a URL and parses its JSON body; non-2xx is UpstreamStatusError, an unparsable body UpstreamResponseError. */
export async function getJson (url: URL, options: JsonGetOptions): Promise<unknown> {
  const { statusCode, headers, body } = await request(url, {
    method: 'GET',
    dispatcher: options.dispatcher,
    signal: options.signal,
    headers: { accept: 'application/json', 'user-agent': options.userAgent }
  })
  if (statusCode < 200 || statusCode > 299) {
    // Read and drop the body so the connection goes back to the pool.
    await body.dump().catch(() => {})
    throw new UpstreamStatusError(options.service, statusCode, parseRetryAfter(headers['retry-after'], options.now()))
  }
  // A failure while reading is a network error and propagates as such; only parsing is the body's fault.
  const text = await body.text()
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UpstreamResponseError(`${options.service} answered with malformed JSON`, { cause: error })
  }
}
