import { test } from 'tap'
import { declaredLabels, scrapeAfterRequestMix } from '../support/request-mix.js'
import { exportedFamilies, familyOf, queryNames, type Family } from '../support/prometheus.js'
import { allPanels, readAlertRules, readDashboard } from '../support/ops-files.js'

// Labels Prometheus adds to every series it scrapes.
const TARGET_LABELS = ['instance', 'job']

// Series the alert rules read from exporters Prometheus scrapes next to the service (named in
// ops/prometheus/alerts.yml): redis_exporter (oliver006) for Redis's memory, which the service cannot see.
const EXPORTER_SERIES = new Map([['redis_memory_used_bytes', ['instance', 'job']]])

interface Problem { query: string, problem: string }

// Every metric a query names must be a series the scrape exports (a histogram only through its
// _bucket/_sum/_count), and every label it matches or groups by must be one those series carry.
function problemsOf (expr: string, families: Map<string, Family>, exporters = new Map<string, string[]>()): Problem[] {
  const { selectors, grouping } = queryNames(expr)
  const problems: Problem[] = []
  const known = new Set(TARGET_LABELS)
  for (const { metric, labels } of selectors) {
    const family = familyOf(families, metric)
    const exporter = exporters.get(metric)
    if (family === undefined && exporter === undefined) {
      problems.push({ query: expr, problem: `${metric} is not exported` })
      continue
    }
    const carried = new Set([...TARGET_LABELS, ...(family?.labels ?? []), ...(exporter ?? [])])
    for (const label of carried) known.add(label)
    for (const label of labels) if (!carried.has(label)) problems.push({ query: expr, problem: `${metric} has no label ${label}` })
  }
  for (const label of grouping) if (!known.has(label)) problems.push({ query: expr, problem: `no series of the query has the label ${label}` })
  return problems
}

test('dashboard panels and alert rules name only series the running app exports', async (t) => {
  const { app, text } = await scrapeAfterRequestMix(t)
  const families = exportedFamilies(text)
  // A family with no sample yet (store_failures_total after a mix without failures) still has the label
  // names it was declared with; histogram series also carry `le`.
  for (const [name, labels] of declaredLabels(app)) {
    const family = families.get(name)
    for (const label of [...labels, ...(family?.type === 'histogram' ? ['le'] : [])]) family?.labels.add(label)
  }
  t.ok(families.size > 30, 'the scrape has the app\'s metrics and the process and Node.js defaults')

  t.test('the parser of these checks tells exported series from the rest', async (t) => {
    t.same(problemsOf('sum by (route) (rate(http_requests_total{status_code="500"}[5m]))', families), [])
    t.same(problemsOf('rate(http_request_duration_seconds_count[5m])', families), [], 'a histogram through a suffix')
    t.match(problemsOf('rate(http_request_duration_seconds[5m])', families), [{ problem: 'http_request_duration_seconds is not exported' }], 'a histogram by its bare name is not a series')
    t.match(problemsOf('rate(http_requests_total_count[5m])', families), [{ problem: /not exported/ }], 'a counter has no _count')
    t.match(problemsOf('http_requests_total{status="500"}', families), [{ problem: 'http_requests_total has no label status' }])
    t.match(problemsOf('sum by (tool) (http_requests_total)', families), [{ problem: 'no series of the query has the label tool' }])
    t.throws(() => queryNames('sum(rate(http_requests_total[5m])'), SyntaxError, 'a syntax error is an error')
  })

  const dashboard = readDashboard()
  const panels = allPanels(dashboard).filter((panel) => panel.type !== 'row')
  const exprs = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr))
  for (const variable of dashboard.templating.list) {
    const query = (variable.query as { query?: string } | undefined)?.query
    const labelValues = query === undefined ? null : /^label_values\((.+), *(\w+)\)$/.exec(query)
    if (labelValues !== null) exprs.push(`count by (${labelValues[2]}) (${labelValues[1]})`)
  }
  t.ok(exprs.length >= panels.length, 'every panel has a query')
  t.same(exprs.flatMap((expr) => problemsOf(expr, families)), [], 'every dashboard query names exported series and labels')

  const rules = readAlertRules()
  t.same(rules.flatMap((rule) => problemsOf(rule.expr, families, EXPORTER_SERIES)), [], 'every alert names exported series (or an exporter\'s, listed above)')

  // The service's own metrics (lib/metrics/app-metrics.ts) are all on the dashboard.
  const used = new Set(exprs.flatMap((expr) => queryNames(expr).selectors.map((s) => s.metric)))
  const own = ['http_requests_total', 'http_request_duration_seconds', 'assistant_reply_duration_seconds', 'assistant_tool_calls_total',
    'assistant_tool_duration_seconds', 'llm_requests_total', 'llm_tokens_total', 'circuit_breaker_state', 'cache_requests_total',
    'rate_limit_rejections_total', 'auth_failures_total', 'store_failures_total', 'mongodb_pool_connections', 'process_memory_limit_bytes']
  for (const name of own) {
    t.ok(families.has(name), `${name} is exported`)
    t.ok([...used].some((metric) => metric === name || familyOf(families, metric) === families.get(name)), `${name} is on the dashboard`)
  }
  for (const runtime of ['nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'process_cpu_seconds_total']) {
    t.ok(used.has(runtime), `${runtime} is on the dashboard`)
  }
})
