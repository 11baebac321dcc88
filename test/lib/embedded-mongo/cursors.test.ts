import { test } from 'tap'
import { CursorRegistry } from '../../../lib/embedded-mongo/cursors.js'
import { arraySource } from '../../../lib/embedded-mongo/commands/find.js'

const ELEVEN_MINUTES = 11 * 60 * 1000

test('an idle cursor is reaped after ten minutes unless opened with noCursorTimeout', async (t) => {
  const cursors = new CursorRegistry()
  const docs = [{ _id: 1 }, { _id: 2 }, { _id: 3 }]
  const idle = cursors.open(arraySource('db.c', docs), 1, false)
  const kept = cursors.open(arraySource('db.c', docs), 1, false, true)
  cursors.reapIdle(Date.now() + ELEVEN_MINUTES)
  t.throws(() => cursors.more(idle.id.toBigInt(), 'db.c', 1), { code: 43 }, 'the ordinary cursor is gone')
  t.same(cursors.more(kept.id.toBigInt(), 'db.c', 5).docs, [{ _id: 2 }, { _id: 3 }], 'the noCursorTimeout cursor still reads')
  t.equal(cursors.size, 0, 'and closes once exhausted')
})
