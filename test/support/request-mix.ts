// A scrape of GET /metrics after a scripted mix of requests (201, 400, 401, 404, 429, 503, a tool call),
// so every metric family the app exports, with the labels its samples carry, is in the text.
import type { FastifyInstance } from 'fastify'
import { build, TEST_API_KEY } from '../helper.js'
import { countingProvider } from '../routes/v1/chat-fixtures.js'

interface Closable { after (fn: () => unknown): void }

/** The label names a metric was declared with (prom-client keeps them on the metric, untyped). */
export function declaredLabels (app: FastifyInstance): Map<string, string[]> {
  const metrics = app.metrics.client.register.getMetricsAsArray() as unknown as Array<{ name: string, labelNames?: readonly string[] }>
  return new Map(metrics.map((metric) => [metric.name, [...(metric.labelNames ?? [])]]))
}

export async function scrapeAfterRequestMix (t: Closable): Promise<{ app: FastifyInstance, text: string }> {
  const provider = countingProvider()
  const app = await build(t, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' }, { app: { assistant: { provider } } })
  const key = { 'x-api-key': TEST_API_KEY }
  const chat = await app.inject({ method: 'POST', url: '/v1/conversations', remoteAddress: '192.0.2.1', headers: key, payload: { message: 'what time is it in Tokyo?' } })
  const id = String(chat.json().conversation.id)
  await app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, remoteAddress: '192.0.2.2', headers: key, payload: { message: '' } })
  await app.inject({ url: '/v1/conversations', remoteAddress: '192.0.2.3' })
  await app.inject({ url: '/v1/nothing', remoteAddress: '192.0.2.4' })
  for (let i = 0; i < 4; i++) await app.inject({ url: '/health', remoteAddress: '192.0.2.5' })
  provider.down = true
  await app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, remoteAddress: '192.0.2.6', headers: key, payload: { message: 'and now?' } })
  const scrape = await app.inject({ url: '/metrics', remoteAddress: '192.0.2.7', headers: key })
  return { app, text: scrape.body }
}
