// Prometheus metrics (DESIGN.md 8): fastify-metrics for the Node.js and process defaults and the
// `http_request_duration_seconds` histogram by route pattern, and `fastify.appMetrics`, the service's own
// counters (lib/metrics), among them `http_requests_total` for every response. GET /metrics
// (routes/metrics) serves the registry behind the `metrics` scope.
import fp from 'fastify-plugin'
import fastifyMetrics from 'fastify-metrics'
import type { FastifyInstance } from 'fastify'
import { createAppMetrics, DURATION_BUCKETS, UNMATCHED_ROUTE, type AppMetrics } from '../../lib/metrics/app-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    appMetrics: AppMetrics
  }
}

async function metrics (fastify: FastifyInstance): Promise<void> {
  // fastify-metrics is CommonJS: its plugin is the default export's `default`.
  await fastify.register(fastifyMetrics.default, {
    endpoint: null,
    // prom-client keeps one global registry; every app build starts it afresh (tests build many apps).
    clearRegisterOnInit: true,
    defaultMetrics: { enabled: true },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      // Only routes that exist are timed, labelled by their pattern, so a scan of random URLs cannot
      // create label values.
      registeredRoutesOnly: true,
      overrides: { histogram: { name: 'http_request_duration_seconds', buckets: DURATION_BUCKETS } }
    }
  })
  // fastify-metrics registers its per-route summary even when switched off; an empty family is noise.
  fastify.metrics.client.register.removeSingleMetric('http_request_summary_seconds')

  const appMetrics = createAppMetrics(fastify.metrics.client)
  fastify.decorate('appMetrics', appMetrics)

  // 404s are counted under one `__unmatched__` route, so label values stay bounded.
  fastify.addHook('onResponse', (request, reply, done) => {
    appMetrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: reply.statusCode })
    done()
  })
}

export default fp(metrics, { name: 'metrics' })
