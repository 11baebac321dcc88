import { test } from 'tap'
import { Collection } from '../../../lib/embedded-mongo/collection.js'
import { parseHint } from '../../../lib/embedded-mongo/hint.js'
import { validateIndexSpec } from '../../../lib/embedded-mongo/indexes.js'
import { compileFilter } from '../../../lib/embedded-mongo/matcher.js'
import { runQuery } from '../../../lib/embedded-mongo/planner.js'

test('a hint is a name, a key pattern or $natural; an empty object is no hint', async (t) => {
  t.same(parseHint('a_1'), { name: 'a_1' })
  t.same(parseHint({ a: 1, b: -1 }), { key: { a: 1, b: -1 } })
  t.same(parseHint({ $natural: -1 }), { natural: -1 })
  t.equal(parseHint({}), undefined)
  t.equal(parseHint(undefined), undefined)
  t.throws(() => parseHint(5), { code: 9, message: 'Hint must be a string or an object' })
  t.throws(() => parseHint({ $natural: 2 }), { code: 9 })
  t.throws(() => parseHint({ $natural: 1, a: 1 }), { code: 9 })
})

test('a hinted plan scans the named index, bounded by the filter where it can be', async (t) => {
  const coll = new Collection('db', 'c')
  coll.addIndex(validateIndexSpec({ key: { a: 1 } }))
  coll.addIndex(validateIndexSpec({ key: { b: 1 } }))
  for (let i = 0; i < 100; i++) coll.insert({ _id: i, a: i, b: 100 - i })
  const run = (filter: Record<string, unknown>, hint: Parameters<typeof runQuery>[1]['hint']): ReturnType<typeof runQuery> =>
    runQuery(coll, { filter, predicate: compileFilter(filter), hint })
  const bounded = run({ a: { $lt: 10 } }, { name: 'a_1' })
  t.match(bounded.plan, { stage: 'IXSCAN', indexName: 'a_1' })
  t.equal(bounded.stats.docsExamined, 10, 'only the keys inside the bounds are fetched')
  const forced = run({ a: { $lt: 10 } }, { key: { b: 1 } })
  t.match(forced.plan, { stage: 'IXSCAN', indexName: 'b_1' })
  t.equal(forced.stats.docsExamined, 100, 'an index the filter does not bound is scanned whole')
  t.same(forced.rids.length, 10)
  t.match(run({ _id: 5 }, { name: 'a_1' }).plan, { stage: 'IXSCAN', indexName: 'a_1' }, 'no _id shortcut under a hint')
  t.match(run({}, { natural: -1 }).plan, { stage: 'COLLSCAN' })
  t.same(run({}, { natural: -1 }).rids.slice(0, 2), [100, 99], 'a reverse natural hint scans newest first')
})
