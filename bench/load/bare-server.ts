// The baseline of `npm run load`: bare Fastify with one JSON route and nothing else (no logger, no
// plugins), in its own process like the service, so the ratio shows what the service's concerns cost.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/health', async () => ({ status: 'healthy' }))
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
if (address === null || typeof address === 'string') throw new Error('no port')
process.stdout.write(`listening ${address.port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
