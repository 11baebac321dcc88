// Spans leave the process over OTLP/HTTP (DESIGN.md 8): the server, as `npm start` runs it, with
// OTEL_EXPORTER_OTLP_ENDPOINT at a receiver in this test, exports a request's spans while running and
// flushes the rest on shutdown.
import { createServer, type IncomingMessage } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'tap'
import { TEST_API_KEY } from '../helper.js'
import { startProcess } from '../support/server-process.js'

interface OtlpSpan { name: string, traceId: string, parentSpanId?: string }
interface OtlpExport { resourceSpans?: Array<{ resource?: { attributes?: Array<{ key: string, value: { stringValue?: string } }> }, scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }

async function body (req: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of req) text += String(chunk)
  return text
}

function post (port: number, path: string, payload: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' }, body: JSON.stringify(payload) })
}

test('spans are exported over OTLP/HTTP while serving and flushed on shutdown', async (t) => {
  const received: OtlpSpan[] = []
  const services = new Set<string>()
  const receiver = createServer((req, res) => {
    body(req).then((text) => {
      if (req.url === '/v1/traces') {
        const exported = JSON.parse(text) as OtlpExport
        for (const resource of exported.resourceSpans ?? []) {
          const service = resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue
          if (service !== undefined) services.add(service)
          for (const scope of resource.scopeSpans ?? []) received.push(...(scope.spans ?? []))
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    }, () => res.writeHead(400).end())
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  t.teardown(() => receiver.close())
  const { port: receiverPort } = receiver.address() as AddressInfo

  const server = await startProcess(t, ['server.ts'], {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`,
    OTEL_SERVICE_NAME: 'acai-e2e',
    // Batches go out every 300 ms while running; what is left goes out on shutdown.
    OTEL_BSP_SCHEDULE_DELAY: '300'
  })
  const first = await post(server.port, '/v1/conversations', { message: 'what time is it in Tokyo?' })
  t.equal(first.status, 201)
  const firstTrace = (first.headers.get('traceparent') ?? '').split('-')[1]
  for (let i = 0; i < 50 && !received.some((s) => s.traceId === firstTrace); i++) await sleep(100)
  const exported = received.filter((s) => s.traceId === firstTrace).map((s) => s.name)
  t.ok(exported.includes('POST /v1/conversations') && exported.includes('assistant.reply') && exported.includes('tool.get_datetime'), `exported while running: ${exported.join(', ')}`)
  t.same([...services], ['acai-e2e'], 'OTEL_SERVICE_NAME names the service')

  const second = await post(server.port, '/v1/conversations', { message: 'hello' })
  const secondTrace = (second.headers.get('traceparent') ?? '').split('-')[1]
  server.signal('SIGTERM')
  t.equal((await server.exited).code, 0)
  t.ok(received.some((s) => s.traceId === secondTrace && s.name === 'POST /v1/conversations'), 'the last request\'s spans were flushed before exit')
})
