import { test } from 'tap'
import { BSONRegExp, Double, Long } from 'bson'
import { compileFilter } from '../../../lib/embedded-mongo/matcher.js'
import type { Doc } from '../../../lib/embedded-mongo/bson-values.js'

const matches = (filter: Doc, doc: Doc): boolean => compileFilter(filter)(doc)

test('equality reaches into arrays and treats a missing field as null', async (t) => {
  t.ok(matches({ tags: 'a' }, { tags: ['a', 'b'] }))
  t.ok(matches({ tags: ['a', 'b'] }, { tags: ['a', 'b'] }))
  t.notOk(matches({ tags: ['b', 'a'] }, { tags: ['a', 'b'] }))
  t.ok(matches({ 'a.b': 2 }, { a: [{ b: 1 }, { b: 2 }] }))
  t.ok(matches({ x: null }, {}))
  t.ok(matches({ 'a.b': null }, { a: [{ b: 1 }, { c: 2 }] }))
  t.notOk(matches({ x: null }, { x: 0 }))
  t.ok(matches({ n: 1 }, { n: new Double(1) }), 'numbers of different types are equal')
  t.ok(matches({ n: Long.fromNumber(5) }, { n: 5 }))
  t.ok(matches({ 'a.1': 'y' }, { a: ['x', 'y'] }), 'numeric path components index arrays')
})

test('comparisons only match values of the same type', async (t) => {
  t.ok(matches({ v: { $gt: 1 } }, { v: 2 }))
  t.notOk(matches({ v: { $gt: 1 } }, { v: 'z' }))
  t.notOk(matches({ v: { $lt: 'b' } }, { v: 1 }))
  t.ok(matches({ v: { $gte: null } }, {}))
  t.ok(matches({ v: { $gt: 2, $lt: 5 } }, { v: [1, 6] }), 'different elements may satisfy each bound')
})

test('$in, $nin, $ne, $exists, $not, $all, $size and $elemMatch', async (t) => {
  t.ok(matches({ v: { $in: [1, /^a/] } }, { v: 'abc' }))
  t.ok(matches({ v: { $in: [null] } }, {}))
  t.ok(matches({ v: { $nin: [1, 2] } }, { v: 3 }))
  t.notOk(matches({ v: { $ne: 1 } }, { v: [1, 2] }))
  t.ok(matches({ v: { $exists: false } }, { w: 1 }))
  t.ok(matches({ v: { $not: { $gt: 5 } } }, { v: 3 }))
  t.ok(matches({ v: { $not: { $gt: 5 } } }, {}))
  t.ok(matches({ v: { $all: [1, 2] } }, { v: [2, 3, 1] }))
  t.notOk(matches({ v: { $all: [] } }, { v: [1] }))
  t.ok(matches({ v: { $size: 2 } }, { v: [1, 2] }))
  t.ok(matches({ v: { $elemMatch: { a: 1, b: 2 } } }, { v: [{ a: 1, b: 1 }, { a: 1, b: 2 }] }))
  t.notOk(matches({ v: { $elemMatch: { a: 1, b: 2 } } }, { v: [{ a: 1, b: 1 }, { a: 2, b: 2 }] }))
  t.ok(matches({ v: { $elemMatch: { $gt: 3, $lt: 5 } } }, { v: [1, 4] }))
  t.notOk(matches({ v: { $elemMatch: { $gt: 3, $lt: 5 } } }, { v: [1, 6] }))
})

test('regular expressions, $mod, $type and logical operators', async (t) => {
  t.ok(matches({ s: { $regex: 'A', $options: 'i' } }, { s: 'cat' }))
  t.ok(matches({ s: new BSONRegExp('^c', '') }, { s: 'cat' }))
  t.ok(matches({ n: { $mod: [4, 1] } }, { n: 9 }))
  t.ok(matches({ n: { $type: 'long' } }, { n: Long.fromNumber(1) }))
  t.ok(matches({ n: { $type: 'double' } }, { n: 1.5 }))
  t.ok(matches({ n: { $type: 'int' } }, { n: 1 }))
  t.ok(matches({ $or: [{ a: 1 }, { b: 1 }] }, { b: 1 }))
  t.notOk(matches({ $nor: [{ a: 1 }, { b: 1 }] }, { b: 1 }))
  t.ok(matches({ $and: [{ a: 1 }, { b: { $gt: 0 } }] }, { a: 1, b: 2 }))
  t.ok(matches({ $expr: { $gt: ['$a', '$b'] } }, { a: 3, b: Long.fromNumber(2) }))
})

test('malformed and unsupported filters are MongoDB errors', async (t) => {
  t.throws(() => compileFilter({ v: { $bogus: 1 } }), { code: 2, codeName: 'BadValue' })
  t.throws(() => compileFilter({ $bogus: 1 }), { code: 2 })
  t.throws(() => compileFilter({ $or: [] }), { code: 2 })
  t.throws(() => compileFilter({ v: { $in: 1 } }), { code: 2 })
  t.throws(() => compileFilter({ $where: 'true' }), { code: 238, codeName: 'NotImplemented' })
  t.throws(() => compileFilter({ $text: { $search: 'x' } }), { code: 27 })
  t.throws(() => compileFilter({ v: { $near: [0, 0] } }), { code: 238 })
})
