import { test } from 'tap'
import { build } from '../../helper.js'

interface Operation {
  tags?: string[]
  summary?: string
  operationId?: string
  parameters?: Array<{ name: string, in: string }>
  requestBody?: { content: Record<string, { schema: { examples?: unknown[] } }> }
  responses: Record<string, unknown>
}

test('the OpenAPI document describes every /v1 route fully', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(res.statusCode, 200)
  const doc: { paths: Record<string, Record<string, Operation>> } = res.json()
  const expected: Array<[string, string, string[]]> = [
    ['/v1/conversations', 'post', ['201', '400', '401', '403', '409', '422', '429', '503']],
    ['/v1/conversations', 'get', ['200', '400', '401', '403', '429', '503']],
    ['/v1/conversations/{id}', 'get', ['200', '400', '401', '403', '404', '429', '503']],
    ['/v1/conversations/{id}', 'patch', ['200', '400', '401', '403', '404', '429', '503']],
    ['/v1/conversations/{id}', 'delete', ['204', '401', '403', '404', '429', '503']],
    ['/v1/conversations/{id}/messages', 'post', ['200', '201', '400', '401', '403', '404', '409', '422', '429', '503']],
    ['/v1/conversations/{id}/reply', 'post', ['201', '401', '403', '404', '409', '422', '429', '503']],
    ['/v1/sessions/messages', 'post', ['201', '400', '401', '403', '409', '422', '429', '503']],
    ['/v1/sessions/{platform}/{chatId}', 'delete', ['204', '400', '401', '403', '429', '503']]
  ]
  const operationIds = new Set<string>()
  for (const [path, method, statuses] of expected) {
    const operation = doc.paths[path]?.[method]
    if (operation === undefined) {
      t.fail(`${method} ${path} missing`)
      continue
    }
    t.ok(operation.tags !== undefined && operation.tags.length > 0, `${method} ${path} tags`)
    t.type(operation.summary, 'string', `${method} ${path} summary`)
    t.type(operation.operationId, 'string')
    operationIds.add(operation.operationId ?? '')
    for (const status of statuses) t.ok(status in operation.responses, `${method} ${path} documents ${status}`)
    if (method === 'post') {
      t.ok(operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'), `${method} ${path} documents Idempotency-Key`)
    }
  }
  t.equal(operationIds.size, expected.length, 'operationIds are unique')
  const responses = doc.paths['/v1/conversations/{id}/messages']?.post?.responses ?? {}
  t.match(responses['200'], { description: /Accept: text\/event-stream.*`event: delta`.*`event: done`/ }, 'the event stream is documented')
  // Swagger UI's "Try it out" sends the Accept header of the first 2xx response with content: the JSON reply.
  const [, controlling] = Object.entries(responses).find(([status, response]) => status.startsWith('2') && typeof response === 'object' && response !== null && 'content' in response) ?? []
  t.match(controlling, { content: { 'application/json': {} } }, 'JSON is the default reply')
  t.notOk(doc.paths['/v1/conversations/{id}/messages']?.post?.parameters?.some((p) => p.name.toLowerCase() === 'accept'), 'no pre-filled Accept parameter')
})
