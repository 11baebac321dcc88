import { test } from 'tap'
import { OPS, readYaml } from '../support/ops-files.js'
import { installed, run } from '../support/tools.js'

interface Route {
  receiver?: string
  matchers?: string[]
  continue?: boolean
  routes?: Route[]
}

interface Receiver { name: string, slack_configs?: Array<Record<string, unknown>>, pagerduty_configs?: Array<Record<string, unknown>> }

const config = readYaml(OPS.alertmanager) as { route: Route, receivers: Receiver[], inhibit_rules: Array<Record<string, unknown>> }

// Alertmanager's routing for the matcher forms this file uses (label="value", label=~"regex"): the first
// matching child handles an alert, `continue` lets the next ones match too, and a node none of whose
// children matches handles it itself.
function matches (route: Route, labels: Record<string, string>): boolean {
  return (route.matchers ?? []).every((matcher) => {
    const parsed = /^(\w+)(=~|=)"(.*)"$/.exec(matcher)
    if (parsed === null) throw new Error(`unsupported matcher ${matcher}`)
    const [, name = '', op, value = ''] = parsed
    const actual = labels[name] ?? ''
    return op === '=' ? actual === value : new RegExp(`^(?:${value})$`).test(actual)
  })
}

function receiversFor (route: Route, labels: Record<string, string>, inherited: string): string[] {
  const receiver = route.receiver ?? inherited
  const found: string[] = []
  for (const child of route.routes ?? []) {
    if (!matches(child, labels)) continue
    found.push(...receiversFor(child, labels, receiver))
    if (child.continue !== true) break
  }
  return found.length > 0 ? found : [receiver]
}

const receiver = (name: string): Receiver | undefined => config.receivers.find((r) => r.name === name)

test('warnings go to Slack, criticals to PagerDuty (and Slack)', async (t) => {
  t.same(receiversFor(config.route, { alertname: 'HighCpuUsage', severity: 'warning' }, ''), ['slack'])
  t.same(receiversFor(config.route, { alertname: 'HighCpuUsage', severity: 'critical' }, ''), ['pagerduty', 'slack'])
  t.ok(receiver('slack')?.slack_configs?.length === 1, 'slack sends to Slack')
  t.notOk(receiver('slack')?.pagerduty_configs, 'and nowhere else')
  t.ok(receiver('pagerduty')?.pagerduty_configs?.length === 1, 'pagerduty pages')
  t.notOk(receiver('pagerduty')?.slack_configs, 'and nothing else')
  t.same(config.inhibit_rules, [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'instance'] }],
    'a firing critical silences its warning')
})

test('the webhook URL and the routing key come from secret files, never from this file', async (t) => {
  const slack = receiver('slack')?.slack_configs?.[0] ?? {}
  const pagerduty = receiver('pagerduty')?.pagerduty_configs?.[0] ?? {}
  t.equal(slack.api_url_file, '/etc/alertmanager/secrets/slack-webhook-url')
  t.equal(pagerduty.routing_key_file, '/etc/alertmanager/secrets/pagerduty-routing-key')
  t.notOk('api_url' in slack || 'routing_key' in pagerduty || 'service_key' in pagerduty, 'no inline secret')
  t.notMatch(JSON.stringify(config), /hooks\.slack\.com|events\.pagerduty\.com/, 'no URL a secret could hide in')
})

const amtool = installed('amtool') ? false : 'amtool is not installed (Debian package prometheus-alertmanager)'

test('amtool accepts the configuration and routes as above', { skip: amtool }, async (t) => {
  const check = run('amtool', ['check-config', OPS.alertmanager])
  t.equal(check.status, 0, check.output)
  t.match(check.output, 'SUCCESS')
  const routes = (labels: string[]): string => run('amtool', ['config', 'routes', 'test', `--config.file=${OPS.alertmanager}`, ...labels]).output.split('\n')[0] ?? ''
  t.equal(routes(['alertname=HighCpuUsage', 'severity=warning']), 'slack')
  t.equal(routes(['alertname=HighCpuUsage', 'severity=critical']), 'pagerduty,slack')
})
