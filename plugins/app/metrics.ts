// Adds `http_requests_total{method,route,status_code}` next to fastify-metrics' duration histogram,
// counting every response, 404s included under one `__unmatched__` route, so label values stay bounded.
// Other plugins create their metrics from `fastify.metrics.client` and depend on this plugin's name.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

export const UNMATCHED_ROUTE = '__unmatched__'

async function metrics (fastify: FastifyInstance): Promise<void> {
  // fastify-metrics registers its per-route summary even when switched off; an empty family is noise.
  fastify.metrics.client.register.removeSingleMetric('http_request_summary_seconds')

  const requests = new fastify.metrics.client.Counter({
    name: 'http_requests_total',
    help: 'HTTP responses by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const
  })

  fastify.addHook('onResponse', (request, reply, done) => {
    requests.inc({ method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: reply.statusCode })
    done()
  })
}

export default fp(metrics, { name: 'metrics', dependencies: ['fastify-metrics'] })
