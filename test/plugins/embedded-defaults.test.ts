import { test } from 'tap'
import { describeEmbeddedDefaults } from '../../plugins/app/embedded-defaults.js'

test('names each embedded default and where its data lives', async (t) => {
  t.same(Object.keys(describeEmbeddedDefaults('embedded', 'embedded')), ['mongodb', 'redis'])
  t.match(describeEmbeddedDefaults('embedded', 'redis').mongodb, /in memory/)
  t.match(describeEmbeddedDefaults('embedded', 'redis', '/var/lib/acai').mongodb, /journaled to \/var\/lib\/acai/)
  t.match(describeEmbeddedDefaults('external', 'embedded').redis, /not shared between instances/)
})

test('nothing to say when both services are configured', async (t) => {
  t.same(describeEmbeddedDefaults('external', 'redis'), {})
})
