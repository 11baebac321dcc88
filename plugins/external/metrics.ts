// Prometheus metrics through fastify-metrics (prom-client): Node and process defaults plus the
// `http_request_duration_seconds` histogram labelled by route pattern. The scrape endpoint is not the
// plugin's: routes/metrics/ serves it behind the `metrics` scope. plugins/app/metrics.ts adds the
// request counter.
import m from 'fastify-metrics'

// Request durations reach two minutes for long assistant replies (serverOptions.requestTimeout).
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

export const autoConfig = {
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
}

export default m.default
