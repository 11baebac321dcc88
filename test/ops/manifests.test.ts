// The deployment files are read by tools this machine may not have (Docker, Kubernetes, GitHub Actions):
// parse each one and check what they say about each other and about the service, so a renamed service,
// port, variable, script or file breaks a test instead of a deployment.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { test } from 'tap'
import { parse, parseAllDocuments } from 'yaml'
import { EnvSchema } from '../../schemas/env.js'

const ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

// Parsed YAML, navigated loosely: a path that is not there reads as undefined and fails the assertion on
// it, which is the point of these tests.
interface Yaml { readonly [key: string]: Yaml }
const yamlFile = (path: string): Yaml => parse(read(path)) as Yaml
const yamlDocs = (text: string): Yaml[] => parseAllDocuments(text).map((doc) => doc.toJS() as Yaml)
const list = (value: Yaml | undefined): Yaml[] => Array.isArray(value) ? value as Yaml[] : []
const text = (value: Yaml | undefined): string => value === undefined ? '' : String(value)
const entries = (value: Yaml | undefined): Array<[string, Yaml]> => Object.entries(value ?? {})
// Read from the schema's JSON Schema keywords, so a changed default or limit is followed here.
const keyword = (name: string, word: string): unknown => (EnvSchema.properties as unknown as Record<string, Record<string, unknown>>)[name]?.[word]
const PORT = String(keyword('PORT', 'default'))
const API_KEY_MIN = Number(keyword('API_KEY', 'minLength'))

// The service's configuration (schemas/env.ts) and the standard OpenTelemetry variables it honours.
const KNOWN_ENV = new Set([...Object.keys(EnvSchema.properties), 'NODE_ENV'])
const knownVariable = (name: string): boolean => KNOWN_ENV.has(name) || name.startsWith('OTEL_')
// Written by issue 9 (dashboard, alert rules, Alertmanager); referenced here by exactly these paths.
const MONITORING_FILES = ['ops/grafana/dashboard.json', 'ops/prometheus/alerts.yml', 'ops/alertmanager/alertmanager.yml']
const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts

const compose = yamlFile('docker-compose.yml')
const services = compose.services as Yaml
// host:port of a URL or address; the credentials part may hold compose's ${VAR:?message} expressions.
const hostPort = (value: string): { host: string, port: number } => {
  const match = /^(?:[a-z]+:\/\/)?(?:.*@)?([\w.-]+):(\d+)/.exec(value)
  return { host: match?.[1] ?? '', port: Number(match?.[2]) }
}

test('docker-compose.yml: services, dependencies, health checks, volumes and secrets fit together', async (t) => {
  t.same(Object.keys(services).sort(), ['alertmanager', 'app', 'grafana', 'jaeger', 'loki', 'mongodb', 'otel-collector', 'prometheus', 'redis', 'vector'])
  // Images without a shell or HTTP client cannot run a health check; everything else has one.
  const noProbeTool = new Set(['otel-collector', 'jaeger', 'vector'])
  for (const [name, service] of entries(services)) {
    t.equal(service.healthcheck !== undefined, !noProbeTool.has(name), `${name}: health check`)
    t.match(text(service.image), /^[\w./-]+:[\w.-]+$/, `${name}: image pinned to a tag`)
    t.notMatch(text(service.image), /:latest$/, `${name}: not :latest`)
    for (const [dependency, { condition }] of entries(service.depends_on)) {
      t.ok(services[dependency], `${name} depends on the service ${dependency}`)
      if (text(condition) === 'service_healthy') t.ok(services[dependency]?.healthcheck, `${name} waits for ${dependency}'s health check`)
    }
    for (const secret of list(service.secrets)) t.ok(compose.secrets?.[text(secret)], `${name}: secret ${text(secret)} is defined`)
    for (const volume of list(service.volumes)) {
      const source = text(volume).split(':')[0] ?? ''
      if (source.startsWith('./')) {
        const path = source.slice(2)
        if (!MONITORING_FILES.includes(path)) t.ok(existsSync(join(ROOT, path)), `${name}: ${path} exists`)
      } else if (!source.startsWith('/')) {
        t.ok(compose.volumes !== undefined && source in compose.volumes, `${name}: named volume ${source} is declared`)
      }
    }
  }
  t.match(text(services.mongodb?.image), /^mongo:7/)
  t.match(text(services.redis?.image), /^redis:7/)
  t.same(services.app?.depends_on?.mongodb, { condition: 'service_healthy' })
  t.same(services.app?.depends_on?.redis, { condition: 'service_healthy' })
  t.same(services.loki?.profiles, ['logs'])
  t.same(services.vector?.profiles, ['logs'])
})

test('docker-compose.yml: the app is configured with variables its schema knows, pointing at compose services', async (t) => {
  const env = services.app?.environment
  for (const [name] of entries(env)) t.ok(knownVariable(name), `${name} is a configuration variable of the service`)
  t.match(text(env?.MONGODB_URI), /^mongodb:\/\/[^@]+@mongodb:27017\//, 'MongoDB with credentials, on the mongodb service')
  t.equal(hostPort(text(env?.REDIS_URL)).host, 'redis')
  const otlp = hostPort(text(env?.OTEL_EXPORTER_OTLP_ENDPOINT))
  t.equal(otlp.host, 'otel-collector')
  const collector = yamlFile('ops/otel-collector/config.yaml')
  t.equal(hostPort(text(collector.receivers?.otlp?.protocols?.http?.endpoint)).port, otlp.port, 'the collector listens where the app exports')
  t.equal(hostPort(text(collector.exporters?.['otlp/jaeger']?.endpoint)).host, 'jaeger')
  for (const component of list(collector.service?.pipelines?.traces?.processors)) t.ok(collector.processors?.[text(component)], `processor ${text(component)} is defined`)

  t.same(services.app?.ports, [`${PORT}:${PORT}`], 'published on the default PORT')
  t.equal(text(env?.API_KEY_FILE), '/run/secrets/api_key')
  t.same(compose.secrets?.api_key, { environment: 'API_KEY' })

  // Every ${VAR} the file reads is documented in ops/compose.env.example (or has a default).
  const documented = new Set(read('ops/compose.env.example').split('\n').map((line) => /^([A-Z_]+)=/.exec(line)?.[1]).filter(Boolean))
  const raw = read('docker-compose.yml')
  for (const [, name = '', hasDefault] of raw.matchAll(/\$\{([A-Z_]+)(:-)?/g)) {
    t.ok(documented.has(name) || hasDefault !== undefined, `\${${name}} is in ops/compose.env.example`)
  }
  // The init script creates the app user from variables the mongodb service receives.
  const init = read('ops/mongo/init-app-user.js')
  for (const [, name = ''] of init.matchAll(/process\.env\.([A-Z_]+)/g)) t.ok(services.mongodb?.environment?.[name], `mongodb gets ${name}`)
})

test('Prometheus, Alertmanager, Grafana and the log shipper point at what compose runs', async (t) => {
  const mounts = (service: string): Map<string, string> => new Map(list(services[service]?.volumes).map((volume) => {
    const [source = '', target = ''] = text(volume).split(':')
    return [source.replace(/^\.\//, ''), target]
  }))
  for (const file of MONITORING_FILES) {
    const service = file.split('/')[1] ?? ''
    t.ok(mounts(service).has(file), `${service} mounts ${file}`)
  }
  const prometheus = yamlFile('ops/prometheus/prometheus.yml')
  t.same(prometheus.rule_files, [mounts('prometheus').get('ops/prometheus/alerts.yml')], 'rule_files is where alerts.yml is mounted')
  t.same(list(prometheus.alerting?.alertmanagers)[0]?.static_configs?.[0]?.targets, ['alertmanager:9093'])
  const app = list(prometheus.scrape_configs).find((job) => text(job.job_name) === 'acai-assistant')
  t.equal(text(app?.metrics_path), '/metrics')
  t.same(app?.static_configs?.[0]?.targets, [`app:${PORT}`])
  t.same(app?.authorization, { type: 'Bearer', credentials_file: '/run/secrets/api_key' }, 'scrapes with the API key')
  t.ok(list(services.prometheus?.secrets).map(text).includes('api_key'))

  const datasources = list(yamlFile('ops/grafana/provisioning/datasources/datasources.yml').datasources)
  const uids = new Set(datasources.map((source) => text(source.uid)))
  for (const source of datasources) t.ok(services[new URL(text(source.url)).hostname], `${text(source.name)} points at a compose service`)
  const ofType = (type: string): Yaml | undefined => datasources.find((source) => text(source.type) === type)
  t.ok(uids.has(text(ofType('jaeger')?.jsonData?.tracesToLogsV2?.datasourceUid)), 'traces link to logs')
  t.ok(uids.has(text(ofType('loki')?.jsonData?.derivedFields?.[0]?.datasourceUid)), 'log lines link to traces')
  const provider = list(yamlFile('ops/grafana/provisioning/dashboards/dashboards.yml').providers)[0]
  t.equal(dirname(mounts('grafana').get('ops/grafana/dashboard.json') ?? ''), text(provider?.options?.path), 'the dashboard is mounted where the provider looks')

  const vector = yamlFile('ops/vector/vector.yaml')
  t.same(vector.sources?.app_logs?.include_labels, ['com.docker.compose.service=app'])
  t.equal(new URL(text(vector.sinks?.loki?.endpoint)).hostname, 'loki')
  t.same(vector.sinks?.loki?.inputs, ['app_logs'])
})

test('Dockerfile: multi-stage, LTS slim runtime, non-root, production dependencies, health check on /health', async (t) => {
  const dockerfile = read('Dockerfile')
  t.match(dockerfile, /^ARG NODE_IMAGE=node:(\d+)-slim$/m)
  const major = Number(/NODE_IMAGE=node:(\d+)/.exec(dockerfile)?.[1])
  t.ok(major >= 22 && major % 2 === 0, `Node ${major} is an LTS line`)
  t.equal([...dockerfile.matchAll(/^FROM /gm)].length, 3, 'three stages')
  t.match(dockerfile, /npm ci --omit=dev/)
  t.match(dockerfile, /^USER node$/m)
  t.match(dockerfile, /^STOPSIGNAL SIGTERM$/m)
  t.match(dockerfile, /^HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*\/health/m)
  t.match(dockerfile, new RegExp(`^EXPOSE ${PORT}$`, 'm'))
  t.match(dockerfile, /^CMD \["node", "dist\/server\.js"\]$/m, 'what npm start runs')
  for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
    for (const source of (sources ?? '').split(' ')) t.ok(existsSync(join(ROOT, source)), `COPY source ${source} exists`)
  }
})

test('the CI workflow: Node matrix, service containers, suites, coverage artifact, Docker build', async (t) => {
  const workflow = yamlFile('.github/workflows/ci.yml')
  const job = workflow.jobs?.test
  const testSteps = list(job?.steps)
  const dockerSteps = list(workflow.jobs?.docker?.steps)
  const uses = (step: Yaml, action: string): boolean => text(step.uses).startsWith(action)
  t.same(job?.strategy?.matrix?.node, [20, 22, 24])
  t.equal(text(job?.services?.mongodb?.image), 'mongo:7')
  t.equal(text(job?.services?.redis?.image), 'redis:7')
  t.ok(testSteps.some((step) => uses(step, 'actions/setup-node') && text(step.with?.cache) === 'npm'), 'npm cache')
  for (const step of [...testSteps, ...dockerSteps]) {
    for (const [, script = ''] of text(step.run).matchAll(/npm run ([\w:-]+)/g)) t.ok(script in scripts, `npm run ${script} exists`)
  }
  const runs = testSteps.map((step) => text(step.run)).join('\n')
  for (const script of ['lint', 'typecheck', 'test:all', 'test:conformance', 'build']) t.match(runs, `npm run ${script}`)
  t.match(text(testSteps.find((step) => text(step.run) === 'npm run test:conformance')?.env?.MONGODB_URI), /^mongodb:\/\/127\.0\.0\.1:27017\//)
  t.ok(testSteps.some((step) => uses(step, 'actions/upload-artifact')), 'coverage artifact')
  t.ok(dockerSteps.some((step) => uses(step, 'docker/build-push-action')), 'docker build')
})

test('ops/k8s: the base fits together and both overlays build', async (t) => {
  const resources = list(yamlFile('ops/k8s/base/kustomization.yaml').resources).map(text)
  const docs = resources.flatMap((file) => yamlDocs(read(join('ops/k8s/base', file))))
  const byKind = (kind: string): Yaml | undefined => docs.find((doc) => text(doc.kind) === kind)
  const deployment = byKind('Deployment')
  const pod = deployment?.spec?.template
  const container = list(pod?.spec?.containers)[0]
  const port = list(container?.ports)[0]
  t.same(deployment?.spec?.selector?.matchLabels, { 'app.kubernetes.io/component': 'api' })
  t.match(pod?.metadata?.labels, deployment?.spec?.selector?.matchLabels)
  t.match(pod?.metadata?.labels, byKind('Service')?.spec?.selector, 'the Service selects the pods')
  t.match(pod?.metadata?.labels, byKind('PodDisruptionBudget')?.spec?.selector?.matchLabels, 'the PDB selects the pods')
  t.same(byKind('HorizontalPodAutoscaler')?.spec?.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: text(deployment?.metadata?.name) })
  t.equal(text(byKind('Service')?.spec?.ports?.[0]?.targetPort), text(port?.name))
  t.equal(text(container?.livenessProbe?.httpGet?.path), '/health')
  t.equal(text(container?.readinessProbe?.httpGet?.path), '/ready')
  t.same(container?.lifecycle?.preStop?.exec?.command, ['sleep', '5'])
  t.equal(pod?.spec?.securityContext?.runAsNonRoot, true)
  t.equal(container?.securityContext?.allowPrivilegeEscalation, false)
  t.ok(container?.resources?.requests?.cpu !== undefined && container.resources.limits?.memory !== undefined, 'requests and limits')
  const configMap = byKind('ConfigMap')
  const secret = byKind('Secret')
  t.equal(text(port?.containerPort), text(configMap?.data?.PORT))
  t.same(container?.envFrom, [{ configMapRef: { name: text(configMap?.metadata?.name) } }, { secretRef: { name: text(secret?.metadata?.name) } }])
  for (const [name] of [...entries(configMap?.data), ...entries(secret?.stringData)]) t.ok(knownVariable(name), `${name} is a configuration variable`)
  t.ok(text(secret?.stringData?.API_KEY).length < API_KEY_MIN, 'the template key cannot start a server')

  for (const overlay of ['staging', 'production']) {
    const file = yamlFile(`ops/k8s/overlays/${overlay}/kustomization.yaml`)
    t.same(file.resources, ['../../base'])
    t.equal(text(file.namespace), `acai-${overlay}`)
  }
  const kubectl = await run('kubectl', ['version', '--client']).then(() => true, () => false)
  if (!kubectl) {
    t.comment('kubectl is not installed: the overlays were not rendered')
    return
  }
  for (const overlay of ['staging', 'production']) {
    const { stdout } = await run('kubectl', ['kustomize', join(ROOT, 'ops/k8s/overlays', overlay)])
    const rendered = yamlDocs(stdout)
    t.same(rendered.map((doc) => text(doc.kind)).sort(), ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service'])
    t.ok(rendered.every((doc) => text(doc.metadata?.namespace) === `acai-${overlay}`), `${overlay}: everything in its namespace`)
    const images = rendered.filter((doc) => text(doc.kind) === 'Deployment').map((doc) => text(list(doc.spec?.template?.spec?.containers)[0]?.image))
    t.match(images, [/^registry\.example\.com\/acai-assistant:\S+$/], `${overlay}: the image is tagged`)
  }
})

test('docker compose config accepts the compose file, where the compose plugin exists', async (t) => {
  const plugin = await run('docker', ['compose', 'version']).then(() => true, () => false)
  if (!plugin) {
    t.comment('docker compose is not installed: checked by the YAML tests above only')
    t.pass('skipped')
    return
  }
  const env = Object.fromEntries(read('ops/compose.env.example').split('\n').flatMap((line) => {
    const match = /^([A-Z_]+)=(.*)$/.exec(line)
    return match === null ? [] : [[match[1], match[2]]]
  }))
  await t.resolves(run('docker', ['compose', '-f', join(ROOT, 'docker-compose.yml'), 'config', '-q'], { env: { ...process.env, ...env } }))
})

test('make: every target is listed by make help and runs an npm script', async (t) => {
  const makefile = read('Makefile')
  const targets = [...makefile.matchAll(/^([a-z0-9-]+):.*## /gm)].map((m) => m[1] ?? '')
  for (const target of ['up', 'down', 'test-all', 'test-unit', 'test-integration', 'test-e2e', 'test-performance', 'smoke', 'backup', 'restore', 'audit', 'load', 'lint', 'migrate-up', 'migrate-down', 'migrate-status']) {
    t.ok(targets.includes(target), `make ${target}`)
  }
  for (const [, script = ''] of makefile.matchAll(/npm run ([\w:-]+)/g)) t.ok(script in scripts, `npm run ${script} exists`)
  const make = await run('make', ['--version']).then(() => true, () => false)
  if (!make) return
  const { stdout: help } = await run('make', ['-C', ROOT, 'help'])
  for (const target of targets) t.match(help, new RegExp(`^  ${target} `, 'm'), `make help lists ${target}`)
  const { stdout } = await run('make', ['-C', ROOT, '-n', 'restore', 'BACKUP_PATH=backups/backup-20260101-000000/acai'])
  t.match(stdout, "npm run restore -- 'backups/backup-20260101-000000/acai' --drop")
  for (const target of targets.filter((name) => name !== 'help')) {
    const { stdout: dry } = await run('make', ['-C', ROOT, '-n', target, 'BACKUP_PATH=x'])
    t.match(dry, /^npm (run [\w:-]+|start|test)/m, `make -n ${target} shows the npm script`)
  }
})

test('test:unit, test:integration and test:e2e together run every test file of npm test exactly once; test:reliability adds the slow suites', async (t) => {
  // Without the variables through which the tap running this file configures its children, which would
  // make the nested `tap list` see this run's file selection instead of the scripts'.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^_?TAP/i.test(name)))
  const list = async (command: string): Promise<string[]> => {
    const { stdout } = await run('sh', ['-c', command], { cwd: ROOT, env })
    return stdout.split('\n').filter(Boolean)
  }
  // `npm test` sets SWC_NODE_CACHE=0 before `tap`: the variable is kept, the command becomes `tap list`.
  const listed = (script: string): Promise<string[]> => list((scripts[script] ?? '').replace(/^((?:[A-Z_]+=\S* )*)tap( --disable-coverage)?/, '$1npx tap list'))
  const [all, unit, integration, e2e] = await Promise.all(['test', 'test:unit', 'test:integration', 'test:e2e'].map(listed))
  const split = [...(unit ?? []), ...(integration ?? []), ...(e2e ?? [])].sort()
  t.ok((unit ?? []).length > 0 && (integration ?? []).length > 0 && (e2e ?? []).length > 0)
  t.same(split, [...(all ?? [])].sort())

  // test:reliability clears the results, runs every suite under test/reliability (the fast ones npm test
  // runs too, the slow ones only there), then writes docs/reliability.md.
  const reliabilityScript = scripts['test:reliability'] ?? ''
  const tapCommand = /tap --disable-coverage ('[^']+')/.exec(reliabilityScript)
  t.ok(tapCommand !== null, 'test:reliability runs tap')
  const reliability = await list(`npx tap list ${tapCommand?.[1] ?? ''}`)
  const fast = reliability.filter((file) => (all ?? []).includes(file))
  const slow = reliability.filter((file) => !(all ?? []).includes(file))
  t.ok(fast.length > 0 && slow.length > 0, `fast suites (${fast.length}) and slow ones (${slow.length})`)
  t.ok(slow.every((file) => file.startsWith('test/reliability/slow/')), 'npm test leaves out exactly the slow suites')
  t.same((all ?? []).filter((file) => file.startsWith('test/reliability/')).sort(), fast.sort(), 'and runs every other reliability suite')
  t.same((integration ?? []).filter((file) => file.startsWith('test/reliability/')).sort(), fast.sort(), 'in test:integration')
  t.match(reliabilityScript, /^node -e .*rmSync\('\.reliability'/, 'the old results are cleared first')
  t.match(reliabilityScript, /tsx scripts\/reliability-report\.ts/, 'and the report is written after')
})
