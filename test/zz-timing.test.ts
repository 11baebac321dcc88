process.env.FASTIFY_AUTOLOAD_TYPESCRIPT = '1'
import { test } from 'tap'
const t0 = Date.now()
const { build } = await import('./helper.js')
const t1 = Date.now()
test('x', async (t) => {
  const a = Date.now()
  const app = await build(t)
  const b = Date.now()
  const u = process.cpuUsage(); console.error('import', t1 - t0, 'build1', b - a, 'cpu', Math.round((u.user + u.system) / 1000))
  t.ok(app)
})
