import { test } from 'tap'
import { Decimal128, Double, Long, Timestamp } from 'bson'
import { applyUpdate, compileUpdate, upsertSeed } from '../../../lib/embedded-mongo/update-ops.js'
import type { Doc } from '../../../lib/embedded-mongo/bson-values.js'

function run (doc: Doc, update: Doc, arrayFilters?: Doc[], isInsert = false): Doc {
  applyUpdate(doc, compileUpdate(update, arrayFilters), { isInsert, now: new Date(1000), positional: () => 1 })
  return doc
}

test('$inc and $mul keep MongoDB numeric result types', async (t) => {
  const doc = run({ i: 1, l: Long.fromNumber(1), d: new Double(1), dec: Decimal128.fromString('0.1') }, {
    $inc: { i: 1, l: 1, d: 1, dec: Decimal128.fromString('0.2'), fresh: Long.fromNumber(7) }
  })
  t.equal(doc.i, 2)
  t.ok(doc.l instanceof Long && doc.l.toNumber() === 2)
  t.ok(doc.d instanceof Double && doc.d.value === 2)
  t.equal(String(doc.dec), '0.3')
  t.ok(doc.fresh instanceof Long, 'a missing field takes the increment as given')
  const mul = run({ m: 6 }, { $mul: { m: 7, z: new Double(2) } })
  t.equal(mul.m, 42)
  t.ok(mul.z instanceof Double && mul.z.value === 0, '$mul on a missing field stores zero of the multiplier type')
})

test('$set, $unset, $rename, $min, $max, $currentDate, $setOnInsert', async (t) => {
  const doc = run({ a: { b: 1 }, x: 5, old: 1, low: 3 }, {
    $set: { 'a.c': 2, 'n.deep': true },
    $unset: { x: '' },
    $rename: { old: 'renamed' },
    $min: { low: 1 },
    $max: { high: 9 },
    $currentDate: { at: true, ts: { $type: 'timestamp' } },
    $setOnInsert: { created: 1 }
  })
  t.same(doc.a, { b: 1, c: 2 })
  t.same(doc.n, { deep: true })
  t.notOk('x' in doc)
  t.equal(doc.renamed, 1)
  t.equal(doc.low, 1)
  t.equal(doc.high, 9)
  t.same(doc.at, new Date(1000))
  t.ok(doc.ts instanceof Timestamp)
  t.notOk('created' in doc, '$setOnInsert only applies when inserting')
  t.equal(run({}, { $setOnInsert: { created: 1 } }, undefined, true).created, 1)
})

test('array operators', async (t) => {
  t.same(run({ a: [3] }, { $push: { a: { $each: [1, 2], $sort: 1, $slice: 2 } } }).a, [1, 2])
  t.same(run({ a: [1, 4] }, { $push: { a: { $each: [2, 3], $position: 1 } } }).a, [1, 2, 3, 4])
  t.same(run({ a: [1] }, { $addToSet: { a: { $each: [1, 2, 2] } } }).a, [1, 2])
  t.same(run({ a: [1, 2, 3] }, { $pop: { a: -1 } }).a, [2, 3])
  t.same(run({ a: [1, 5, 2, 6] }, { $pull: { a: { $gt: 4 } } }).a, [1, 2])
  t.same(run({ a: [{ k: 1, v: 1 }, { k: 2 }] }, { $pull: { a: { k: 1 } } }).a, [{ k: 2 }])
  t.same(run({ a: [1, 2, 1, 3] }, { $pullAll: { a: [1, 3] } }).a, [2])
  t.equal(run({ b: 5 }, { $bit: { b: { and: 4 } } }).b, 4)
})

test('positional paths', async (t) => {
  t.same(run({ a: [1, 2, 3] }, { $set: { 'a.$': 9 } }).a, [1, 9, 3], '$ uses the matched position')
  t.same(run({ a: [{ v: 1 }, { v: 2 }] }, { $inc: { 'a.$[].v': 10 } }).a, [{ v: 11 }, { v: 12 }])
  t.same(run({ a: [1, 5, 7] }, { $set: { 'a.$[big]': 0 } }, [{ big: { $gt: 4 } }]).a, [1, 0, 0])
  t.same(run({ a: [{ b: [1, 2] }, { b: [3] }] }, { $inc: { 'a.$[].b.$[x]': 100 } }, [{ x: { $gte: 2 } }]).a, [{ b: [1, 102] }, { b: [103] }])
})

test('invalid updates are refused with MongoDB codes before anything changes', async (t) => {
  t.throws(() => compileUpdate({ $set: { a: 1 }, $inc: { a: 1 } }), { code: 40 })
  t.throws(() => compileUpdate({ $set: { a: 1, 'a.b': 1 } }), { code: 40 })
  t.throws(() => compileUpdate({ $nope: { a: 1 } }), { code: 9 })
  t.throws(() => compileUpdate({ $inc: { a: 'x' } }), { code: 14 })
  t.throws(() => compileUpdate({ $set: { 'a.$[x]': 1 } }), { code: 2 })
  t.throws(() => compileUpdate({ $set: { a: 1 } }, [{ x: 1 }]), { code: 9 })
  t.throws(() => run({ s: 'x' }, { $inc: { s: 1 } }), { code: 14 })
  t.throws(() => run({ s: 'x' }, { $push: { s: 1 } }), { code: 2 })
  t.throws(() => run({ a: 1 }, { $set: { 'a.b': 1 } }), { code: 28 })
})

test('upsert seeds come from the equality conditions of the filter', async (t) => {
  t.same(upsertSeed({ a: 1, 'b.c': 2, d: { $gt: 1 }, e: { $eq: 3 }, $and: [{ f: 4 }] }), { a: 1, b: { c: 2 }, e: 3, f: 4 })
})
