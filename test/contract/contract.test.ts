import { test } from 'tap'
import type { InjectOptions } from 'fastify'
import { buildContractApps, type ContractApps } from './apps.js'
import { CONTRACT, type ContractCase, type OperationContract } from './cases.js'
import { OpenApiContract } from './openapi-contract.js'
import { parseSse } from '../routes/v1/chat-fixtures.js'

// Every operation of the OpenAPI document the app serves, exercised through the app: each documented
// status that can be provoked, its headers and its body checked against the document (Ajv, 2020-12).
// The rows live in cases.ts; an operation without one fails the suite.

function withHeaders (opts: InjectOptions, change: (headers: Record<string, string>) => Record<string, string>): InjectOptions {
  return { ...opts, headers: change({ ...(opts.headers as Record<string, string> | undefined) }) }
}

let address = 0
/** A client address no other request used, so its per-IP allowance is fresh. */
function freshAddress (): string {
  address++
  return `10.13.${Math.floor(address / 250)}.${(address % 250) + 1}`
}

// The statuses every row gets from its request and scope alone, where the operation documents them.
function derivedCases (row: OperationContract, documented: string[]): ContractCase[] {
  const cases: ContractCase[] = []
  const { scope } = row
  if (scope !== null && documented.includes('401')) {
    cases.push({
      status: 401,
      name: 'no API key',
      send: async (apps) => apps.main.inject(withHeaders(await row.request(apps), ({ 'x-api-key': _key, ...rest }) => rest))
    })
  }
  if (scope !== null && documented.includes('403')) {
    cases.push({
      status: 403,
      name: `a key without the ${scope} scope`,
      send: async (apps) => apps.main.inject(withHeaders(await row.request(apps), (headers) => ({ ...headers, ...apps.keyWithout(scope) })))
    })
  }
  if (documented.includes('429')) {
    cases.push({
      status: 429,
      name: 'the second request of an address within the per-IP window',
      sends: ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
      send: async (apps) => {
        const remoteAddress = freshAddress()
        await apps.limited.inject({ method: 'GET', url: '/health', remoteAddress })
        return apps.limited.inject({ ...await row.request(apps), remoteAddress })
      }
    })
  }
  if (documented.includes('503')) {
    cases.push({ status: 503, name: 'MongoDB unreachable', send: async (apps) => apps.outage.inject(await row.request(apps)) })
  }
  return cases
}

// A streamed reply: delta and tool events, then `done` with the body the 201 of the same operation has.
function streamProblems (contract: OpenApiContract, operationId: string, body: string): string[] {
  const events = parseSse(body)
  const problems: string[] = []
  if (events.at(-1)?.event !== 'done') problems.push(`the stream does not end with done: ${events.map((e) => e.event).join(', ')}`)
  for (const { event, data } of events) {
    if (event === 'done') problems.push(...contract.schemaErrors(contract.validator(operationId, '201'), data).map((e) => `done ${e}`))
    else if (event === 'delta' && typeof (data as { text?: unknown }).text !== 'string') problems.push(`delta without text: ${JSON.stringify(data)}`)
    else if (event === 'tool' && typeof (data as { name?: unknown }).name !== 'string') problems.push(`tool without name: ${JSON.stringify(data)}`)
    else if (!['done', 'delta', 'tool'].includes(event)) problems.push(`undocumented event ${event}`)
  }
  return problems
}

test('every operation keeps the OpenAPI document in every status it can be made to answer', async (t) => {
  const apps: ContractApps = await buildContractApps(t)
  const document = (await apps.main.inject({ method: 'GET', url: '/docs/json' })).json()
  const contract = new OpenApiContract(document)
  const provoked = new Map<string, Set<string>>()

  for (const [operationId, operation] of contract.operations) {
    const row = CONTRACT[operationId]
    if (row === undefined) continue
    const documented = Object.keys(operation.responses)
    const statuses = new Set<string>()
    provoked.set(operationId, statuses)
    await t.test(`${operation.method} ${operation.path} (${operationId})`, async (t) => {
      for (const c of [...row.cases, ...derivedCases(row, documented)]) {
        const res = await c.send(apps)
        t.equal(res.statusCode, c.status, `${c.name}: ${c.status}${res.statusCode === c.status ? '' : ` (got ${res.body.slice(0, 300)})`}`)
        const problems = contract.check(operationId, res, c.stream === true ? { stream: true } : {})
        if (c.stream === true) problems.push(...streamProblems(contract, operationId, res.body))
        for (const header of c.sends ?? []) if (res.headers[header] === undefined) problems.push(`${header} not sent`)
        t.same(problems, [], `${c.name}: status, headers and body as documented`)
        if (res.statusCode === c.status && problems.length === 0) statuses.add(String(c.status))
      }
    })
  }

  const operations = [...contract.operations.keys()]
  t.same(operations.filter((id) => CONTRACT[id] === undefined), [], 'every operation has a row in test/contract/cases.ts')
  t.same(Object.keys(CONTRACT).filter((id) => !contract.operations.has(id)), [], 'every row names an operation of the document')
  const unexplained: string[] = []
  for (const [operationId, statuses] of provoked) {
    const exempt = CONTRACT[operationId]?.unprovokable ?? {}
    for (const status of Object.keys(contract.operation(operationId).responses)) {
      if (!statuses.has(status) && exempt[Number(status)] === undefined) unexplained.push(`${operationId} ${status}`)
    }
  }
  t.same(unexplained, [], 'every documented status was provoked (or is listed as unprovokable, with the reason)')
  t.comment(`operations covered: ${[...provoked.keys()].join(', ')}`)
})
