// Twirp's routing rules (DESIGN.md 3.2), checked before anything else as the Go server did: only POST,
// only JSON (protobuf bodies are not served), and only the four methods. Each refusal is `bad_route`
// with the `twirp_invalid_route` meta the Go server sent.
import { TwirpError } from './errors.js'

export interface TwirpRouteRequest {
  method: string
  /** The request path, without the query string. */
  path: string
  contentType: string | undefined
  /** Whether a Twirp method is served at this path. */
  known: boolean
}

/** The media type of a Content-Type header, lower case, without parameters such as `charset`. */
export function mediaType (contentType: string | undefined): string {
  if (contentType === undefined) return ''
  const end = contentType.indexOf(';')
  return (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase()
}

function badRoute (request: Pick<TwirpRouteRequest, 'method' | 'path'>, msg: string): TwirpError {
  return new TwirpError('bad_route', msg, { twirp_invalid_route: `${request.method} ${request.path}` })
}

/** Why a request that matches no Twirp method is refused: its HTTP method, or else its path. */
export function unroutedError (request: Pick<TwirpRouteRequest, 'method' | 'path'>): TwirpError {
  return request.method === 'POST'
    ? badRoute(request, `no handler for path ${JSON.stringify(request.path)}`)
    : badRoute(request, `unsupported method ${JSON.stringify(request.method)} (only POST is allowed)`)
}

/** The `bad_route` error for a request Twirp would not route, or undefined when it routes. */
export function routeError (request: TwirpRouteRequest): TwirpError | undefined {
  if (request.method !== 'POST' || !request.known) return unroutedError(request)
  if (mediaType(request.contentType) !== 'application/json') {
    return badRoute(request, `unexpected Content-Type: ${JSON.stringify(request.contentType ?? '')}`)
  }
  return undefined
}

/** The path of a request URL (the query string is not part of a Twirp route). */
export function pathOf (url: string): string {
  const end = url.indexOf('?')
  return end === -1 ? url : url.slice(0, end)
}
