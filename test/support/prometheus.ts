// Reading Prometheus text and PromQL in tests: which series a scrape of the app exports, and which metric
// and label names a query (a dashboard panel, an alert rule) refers to. Queries are parsed with the
// Prometheus project's own PromQL grammar (@prometheus-io/lezer-promql, the one its web UI uses), so
// label matchers, grouping clauses and function names are told apart from metric names.
import { parser } from '@prometheus-io/lezer-promql'

export interface Family { type: string, labels: Set<string> }

/** Metric families of a scrape, from its `# TYPE` lines, with the label names their samples carry. */
export function exportedFamilies (text: string): Map<string, Family> {
  const families = new Map<string, Family>()
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(name ?? '', { type: type ?? '', labels: new Set() })
  for (const [, sample, labels] of text.matchAll(/^([a-zA-Z_:][\w:]*)\{([^}]*)\}/gm)) {
    const family = familyOf(families, sample ?? '')
    for (const [, label] of (labels ?? '').matchAll(/(\w+)="/g)) family?.labels.add(label ?? '')
  }
  return families
}

// The series a family of each type is exposed as: a histogram only as _bucket/_sum/_count, a summary as
// itself (the quantiles) and _sum/_count; a counter or gauge under its own name.
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] }

/** The family a series name belongs to, if the scrape exports that series (histogram suffixes by type). */
export function familyOf (families: Map<string, Family>, series: string): Family | undefined {
  const own = families.get(series)
  if (own !== undefined) return SUFFIXES[own.type] === undefined || SUFFIXES[own.type]?.includes('') === true ? own : undefined
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!series.endsWith(suffix)) continue
    const family = families.get(series.slice(0, -suffix.length))
    if (family !== undefined && SUFFIXES[family.type]?.includes(suffix) === true) return family
  }
  return undefined
}

export interface QueryNames {
  /** Each vector selector: its metric name and the label names its matchers use. */
  selectors: Array<{ metric: string, labels: string[] }>
  /** Label names in `by (...)`, `without (...)`, `on (...)`, `ignoring (...)` and group modifiers. */
  grouping: string[]
}

// Grafana's interval variables stand where PromQL wants a duration; other variables only appear inside
// label values (strings), which the grammar takes as they are.
function withoutGrafanaVariables (expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m')
}

/** Metric and label names of a PromQL expression; throws on a syntax error. */
export function queryNames (rawExpr: string): QueryNames {
  const expr = withoutGrafanaVariables(rawExpr)
  const tree = parser.parse(expr)
  const result: QueryNames = { selectors: [], grouping: [] }
  const text = (from: number, to: number): string => expr.slice(from, to)
  tree.iterate({
    enter (node) {
      if (node.type.isError) throw new SyntaxError(`PromQL syntax error at ${node.from} in: ${rawExpr}`)
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier')
        const labels = node.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher').map((m) => {
          const name = m.getChild('LabelName')
          return name === null ? '' : text(name.from, name.to)
        }) ?? []
        if (identifier === null) throw new SyntaxError(`a selector without a metric name in: ${rawExpr}`)
        result.selectors.push({ metric: text(identifier.from, identifier.to), labels })
      }
      if (node.name === 'GroupingLabels') {
        for (const label of node.node.getChildren('LabelName')) result.grouping.push(text(label.from, label.to))
      }
    }
  })
  return result
}
