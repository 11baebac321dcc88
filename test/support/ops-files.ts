// The operations files (ops/): read and parsed for the tests that check them.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const OPS = {
  dashboard: fileURLToPath(new URL('../../ops/grafana/dashboard.json', import.meta.url)),
  alerts: fileURLToPath(new URL('../../ops/prometheus/alerts.yml', import.meta.url)),
  alertmanager: fileURLToPath(new URL('../../ops/alertmanager/alertmanager.yml', import.meta.url))
}

export interface Panel {
  type: string
  id: number
  title: string
  datasource?: { type: string, uid: string }
  gridPos?: { h: number, w: number, x: number, y: number }
  targets?: Array<{ refId: string, expr: string, datasource?: { uid: string } }>
  panels?: Panel[]
}

export interface Dashboard {
  uid: string
  schemaVersion: number
  panels: Panel[]
  templating: { list: Array<{ name: string, type: string, query: unknown, datasource?: { uid: string } }> }
}

export interface AlertRule {
  alert: string
  expr: string
  for?: string
  labels: Record<string, string>
  annotations: Record<string, string>
}

export function readDashboard (): Dashboard {
  return JSON.parse(readFileSync(OPS.dashboard, 'utf8')) as Dashboard
}

/** Every panel, those inside rows included. */
export function allPanels (dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])])
}

export function readAlertRules (): AlertRule[] {
  const file = parse(readFileSync(OPS.alerts, 'utf8')) as { groups: Array<{ rules: AlertRule[] }> }
  return file.groups.flatMap((group) => group.rules)
}

export function readYaml (path: string): unknown {
  return parse(readFileSync(path, 'utf8'))
}
