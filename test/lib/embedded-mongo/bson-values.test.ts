import { test } from 'tap'
import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, serialize, deserialize } from 'bson'
import {
  arith, cloneDoc, compareValues, identical, keyOf, normalize, numType, restoreTypes, toMingo
} from '../../../lib/embedded-mongo/bson-values.js'

test('compareValues follows MongoDB type order', async (t) => {
  const ordered = [
    new MinKey(), null, -1, 2.5, Long.fromNumber(3), Decimal128.fromString('3.5'), 'B', 'a', { a: 1 }, { b: 0 }, [1],
    new Binary(Buffer.from([9])), new Binary(Buffer.from([0, 0])), new ObjectId('000000000000000000000001'),
    new ObjectId('ffffffffffffffffffffffff'), false, true, new Date(-1), new Date(5), new Timestamp({ t: 1, i: 1 }),
    new BSONRegExp('a', ''), new MaxKey()
  ]
  for (let i = 0; i + 1 < ordered.length; i++) {
    t.equal(compareValues(ordered[i], ordered[i + 1]), -1, `${i} < ${i + 1}`)
    t.equal(compareValues(ordered[i + 1], ordered[i]), 1, `${i + 1} > ${i}`)
  }
})

test('numbers of every type compare by value, int64 exactly beyond double precision', async (t) => {
  t.equal(compareValues(1, new Double(1)), 0)
  t.equal(compareValues(Long.fromNumber(1), 1), 0)
  t.equal(compareValues(Decimal128.fromString('1.0'), 1), 0)
  t.equal(compareValues(Long.fromString('9007199254740993'), Long.fromString('9007199254740992')), 1)
  t.equal(compareValues(Long.fromString('9007199254740993'), 9007199254740992), 1)
  t.equal(compareValues(Decimal128.fromString('0.3'), Decimal128.fromString('0.30000000000000000001')), -1)
  t.equal(compareValues(NaN, -Infinity), -1, 'NaN sorts below every number')
  t.equal(compareValues(NaN, NaN), 0)
})

test('strings compare by UTF-8 bytes, not UTF-16 code units', async (t) => {
  t.equal(compareValues('\uffff', '\u{1F600}'), -1)
  t.equal(compareValues('abc', 'abd'), -1)
  t.equal(compareValues('ab', 'abc'), -1)
})

test('documents compare field by field including field names', async (t) => {
  t.equal(compareValues({ a: 1, b: 2 }, { a: 1, b: 3 }), -1)
  t.equal(compareValues({ a: 1 }, { b: 1 }), -1)
  t.equal(compareValues({ a: 1 }, { a: 1, b: 1 }), -1)
  t.equal(compareValues({ a: 'x' }, { a: 1 }), 1, 'value type order comes before names')
})

test('keyOf gives equal values one key regardless of numeric type', async (t) => {
  t.equal(keyOf(1), keyOf(new Double(1)))
  t.equal(keyOf(1), keyOf(Long.fromNumber(1)))
  t.equal(keyOf(1.5), keyOf(Decimal128.fromString('1.50')))
  t.not(keyOf('1'), keyOf(1))
  t.equal(keyOf({ a: [1, 'x'] }), keyOf({ a: [Long.fromNumber(1), 'x'] }))
  t.not(keyOf({ a: 1, b: 2 }), keyOf({ b: 2, a: 1 }), 'field order matters')
  t.equal(keyOf(new ObjectId('0123456789abcdef01234567')), keyOf(new ObjectId('0123456789abcdef01234567')))
})

test('normalize keeps exactly the information needed to serialize every numeric type back', async (t) => {
  const wire = serialize({ i: new Int32(5), d: new Double(5), f: 2.5, l: Long.fromNumber(5), big: new Double(2 ** 40), z: new Double(-0) })
  const doc = normalize(deserialize(wire, { promoteValues: false })) as Record<string, unknown>
  t.equal(doc.i, 5)
  t.ok(doc.d instanceof Double, 'an integral double stays a Double')
  t.equal(doc.f, 2.5)
  t.ok(doc.l instanceof Long)
  t.equal(doc.big, 2 ** 40, 'doubles that bson writes back as doubles become numbers')
  t.ok(Object.is(doc.z, -0))
  t.same(serialize(doc), wire, 'serializing the stored form reproduces the original bytes')
})

test('arith follows MongoDB result types', async (t) => {
  t.equal(numType(arith(1, 2, '+')), 'int')
  t.equal(numType(arith(2147483647, 1, '+')), 'long', 'int32 overflow widens to int64')
  t.equal(numType(arith(Long.fromNumber(1), 2, '+')), 'long')
  t.equal(numType(arith(1, new Double(1), '+')), 'double')
  t.ok(arith(1, new Double(1), '+') instanceof Double, 'an integral double result keeps its type')
  t.equal(String(arith(Decimal128.fromString('0.1'), Decimal128.fromString('0.2'), '+')), '0.3')
  t.equal(String(arith(Decimal128.fromString('1.5'), 3, '*')), '4.5')
  t.equal(numType(arith(6, 7, '*')), 'int')
})

test('identical distinguishes numeric types that compare equal', async (t) => {
  t.ok(identical({ a: 1 }, { a: 1 }))
  t.notOk(identical({ a: 1 }, { a: new Double(1) }))
  t.notOk(identical({ a: 1, b: 2 }, { b: 2, a: 1 }))
  t.ok(identical(new Date(5), new Date(5)))
})

test('cloneDoc copies containers, dates and binaries but keeps wrapper types', async (t) => {
  const src = { a: [{ b: new Date(1) }], bin: new Binary(Buffer.from('x')), l: Long.fromNumber(2) }
  const copy = cloneDoc(src)
  t.not(copy.a, src.a)
  t.not((copy.a as { b: Date }[])[0].b, src.a[0].b)
  t.not(copy.bin, src.bin)
  t.ok(copy.l instanceof Long)
  t.same(copy, src)
})

test('toMingo converts wrappers to numbers and restoreTypes brings back unchanged ones', async (t) => {
  const before = { l: Long.fromNumber(3), d: new Double(2), n: 1 }
  const plain = toMingo(before) as Record<string, unknown>
  t.same(plain, { l: 3, d: 2, n: 1 })
  const after = restoreTypes(before, { l: 3, d: 4, n: 1 }) as Record<string, unknown>
  t.ok(after.l instanceof Long)
  t.equal(after.d, 4)
})
