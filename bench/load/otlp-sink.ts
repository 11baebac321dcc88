// A stand-in OpenTelemetry collector for `npm run load -- --otlp`: accepts OTLP/HTTP trace exports,
// counts them and their bytes, and answers 200, so the load measures what exporting spans costs the
// service (serializing and sending batches) without a collector's own cost on this machine.
import { createServer } from 'node:http'

export interface OtlpSink {
  endpoint: string
  received (): { exports: number, bytes: number }
  stop (): Promise<void>
}

export async function startOtlpSink (): Promise<OtlpSink> {
  let exports = 0
  let bytes = 0
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => { bytes += chunk.length })
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') exports++
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    received: () => ({ exports, bytes }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
