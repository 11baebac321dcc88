import { test } from 'tap'
import { describeEmbeddedDefaults } from '../../../lib/config/embedded-defaults.js'

const configured = { mongoMode: 'external', kvMode: 'redis', provider: 'openai' } as const

test('names each embedded default and where its data lives', async (t) => {
  t.same(Object.keys(describeEmbeddedDefaults({ mongoMode: 'embedded', kvMode: 'embedded', provider: 'offline' })), ['mongodb', 'redis', 'model'])
  t.match(describeEmbeddedDefaults({ ...configured, mongoMode: 'embedded' }).mongodb, /in memory/)
  t.match(describeEmbeddedDefaults({ ...configured, mongoMode: 'embedded', dataDir: '/var/lib/acai' }).mongodb, /journaled to \/var\/lib\/acai/)
  t.match(describeEmbeddedDefaults({ ...configured, kvMode: 'embedded' }).redis, /not shared between instances/)
  t.match(describeEmbeddedDefaults({ ...configured, provider: 'offline' }).model, /no language model/)
})

test('nothing to say when every service is configured', async (t) => {
  t.same(describeEmbeddedDefaults(configured), {})
})
