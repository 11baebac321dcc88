// Server-Sent Events for the streaming reply (POST /v1/conversations/{id}/messages with
// Accept: text/event-stream). Heartbeats keep proxies from closing a stream while a tool runs.
import fastifySse from '@fastify/sse'

export const autoConfig = { heartbeatInterval: 15_000 }

export default fastifySse
