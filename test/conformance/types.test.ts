import t from 'tap'
import {
  Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, type Document
} from 'mongodb'
import { connect } from './harness.js'

const { coll } = await connect(t, 'types')

// promoteValues:false keeps the wire types visible: Int32, Double and Long wrappers instead of numbers.
const raw = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true }

const BIG = '9007199254740993' // 2^53 + 1: not representable as a double
const oid = new ObjectId('65f0a1b2c3d4e5f601234567')
const date = new Date('2024-02-29T12:34:56.789Z')
const before1970 = new Date('1931-06-01T08:00:00.001Z')

t.test('every BSON type survives a round trip unchanged', async t => {
  const c = coll('round_trip')
  await c.insertOne({
    _id: 'all',
    i32: new Int32(42),
    i32neg: new Int32(-7),
    i64: Long.fromString(BIG),
    i64small: Long.fromNumber(5),
    dbl: new Double(1),
    dblFrac: 2.5,
    dec: Decimal128.fromString('1.10'),
    date,
    before1970,
    oid,
    bin: new Binary(Buffer.from([0, 1, 2, 255]), 0),
    uuid: new Binary(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'), 4),
    nul: null,
    yes: true,
    no: false,
    str: 'héllo ✓ 日本',
    ts: new Timestamp({ t: 1700000000, i: 3 }),
    re: new BSONRegExp('^a.c', 'i'),
    lo: new MinKey(),
    hi: new MaxKey(),
    nested: { a: [1, { b: 'x', c: [new Int32(1), Long.fromNumber(2), new Double(3)] }], empty: {} },
    emptyArr: []
  })
  const doc = await c.findOne({ _id: 'all' }, raw)
  t.ok(doc !== null)
  if (doc === null) return

  t.ok(doc.i32 instanceof Int32 && doc.i32.value === 42, 'int32')
  t.ok(doc.i32neg instanceof Int32 && doc.i32neg.value === -7, 'negative int32')
  t.ok(doc.i64 instanceof Long && doc.i64.toString() === BIG, 'int64 beyond 2^53')
  t.ok(doc.i64small instanceof Long && doc.i64small.toNumber() === 5, 'small int64 stays int64')
  t.ok(doc.dbl instanceof Double && doc.dbl.value === 1, 'integral double stays double')
  t.ok(doc.dblFrac instanceof Double && doc.dblFrac.value === 2.5, 'double')
  t.ok(doc.dec instanceof Decimal128 && doc.dec.toString() === '1.10', 'decimal128 keeps its trailing zero')
  t.ok(doc.date instanceof Date && doc.date.getTime() === date.getTime(), 'date to the millisecond')
  t.ok(doc.before1970 instanceof Date && doc.before1970.getTime() === before1970.getTime(), 'date before 1970')
  t.ok(doc.oid instanceof ObjectId && doc.oid.equals(oid), 'objectId')
  t.ok(doc.bin instanceof Binary && doc.bin.sub_type === 0 && doc.bin.toString('hex') === '000102ff', 'binary subtype 0')
  t.ok(doc.uuid instanceof Binary && doc.uuid.sub_type === 4 && doc.uuid.toString('hex') === '0123456789abcdef0123456789abcdef',
    'binary subtype 4')
  t.equal(doc.nul, null)
  t.equal(doc.yes, true)
  t.equal(doc.no, false)
  t.equal(doc.str, 'héllo ✓ 日本')
  t.ok(doc.ts instanceof Timestamp && doc.ts.t === 1700000000 && doc.ts.i === 3, 'timestamp')
  t.ok(doc.re instanceof BSONRegExp && doc.re.pattern === '^a.c' && doc.re.options === 'i', 'regex')
  t.ok(doc.lo instanceof MinKey, 'minKey')
  t.ok(doc.hi instanceof MaxKey, 'maxKey')
  const inner = doc.nested.a[1].c
  t.ok(doc.nested.a[0] instanceof Int32, 'array element int32')
  t.ok(inner[0] instanceof Int32 && inner[1] instanceof Long && inner[2] instanceof Double, 'nested numeric types')
  t.same(doc.nested.empty, {})
  t.same(doc.emptyArr, [])
  t.same(Object.keys(doc), ['_id', 'i32', 'i32neg', 'i64', 'i64small', 'dbl', 'dblFrac', 'dec', 'date', 'before1970', 'oid', 'bin',
    'uuid', 'nul', 'yes', 'no', 'str', 'ts', 're', 'lo', 'hi', 'nested', 'emptyArr'], 'field order')
})

t.test('int64 values are matched exactly, beyond double precision', async t => {
  const c = coll('longs')
  await c.insertMany([{ _id: 'big', v: Long.fromString(BIG) }, { _id: 'below', v: Long.fromString('9007199254740992') }])
  t.same((await c.find({ v: Long.fromString(BIG) }).toArray()).map(d => d._id), ['big'])
  t.same((await c.find({ v: { $gt: Long.fromString('9007199254740992') } }).toArray()).map(d => d._id), ['big'])
  t.same((await c.find({}).sort({ v: -1 }).toArray()).map(d => d._id), ['big', 'below'])
})

t.test('numbers of different types compare by value', async t => {
  const c = coll('ones')
  await c.insertMany([
    { _id: 'int', v: new Int32(1) },
    { _id: 'long', v: Long.fromNumber(1) },
    { _id: 'double', v: new Double(1) },
    { _id: 'decimal', v: Decimal128.fromString('1.0') },
    { _id: 'string', v: '1' },
    { _id: 'two', v: new Double(2.5) }
  ])
  const ids = async (filter: Document): Promise<string[]> => (await c.find(filter).toArray()).map(d => String(d._id)).sort()
  t.same(await ids({ v: 1 }), ['decimal', 'double', 'int', 'long'])
  t.same(await ids({ v: Decimal128.fromString('1.00') }), ['decimal', 'double', 'int', 'long'])
  t.same(await ids({ v: { $in: [Long.fromNumber(1)] } }), ['decimal', 'double', 'int', 'long'])
  t.same(await ids({ v: { $gt: 1 } }), ['two'])
  t.same(await ids({ v: { $gte: '1' } }), ['string'], 'strings only compare with strings')
})

t.test('$type finds each value by its BSON type', async t => {
  const c = coll('typed')
  await c.insertMany([
    { _id: 'int', v: new Int32(7) },
    { _id: 'long', v: Long.fromNumber(7) },
    { _id: 'double', v: new Double(7) },
    { _id: 'decimal', v: Decimal128.fromString('7') },
    { _id: 'string', v: 'seven' },
    { _id: 'object', v: { k: 1 } },
    { _id: 'empty-array', v: [] },
    { _id: 'int-array', v: [new Int32(7)] },
    { _id: 'binData', v: new Binary(Buffer.from('x')) },
    { _id: 'objectId', v: oid },
    { _id: 'bool', v: false },
    { _id: 'date', v: date },
    { _id: 'null', v: null },
    { _id: 'missing' },
    { _id: 'timestamp', v: new Timestamp({ t: 1, i: 1 }) },
    { _id: 'regex', v: new BSONRegExp('x', '') }
  ])
  const ids = async (type: unknown): Promise<string[]> =>
    (await c.find({ v: { $type: type } }).toArray()).map(d => String(d._id)).sort()
  t.same(await ids('int'), ['int', 'int-array'], 'an array matches by its elements too')
  t.same(await ids('long'), ['long'])
  t.same(await ids('double'), ['double'])
  t.same(await ids('decimal'), ['decimal'])
  t.same(await ids('number'), ['decimal', 'double', 'int', 'int-array', 'long'])
  t.same(await ids('string'), ['string'])
  t.same(await ids('object'), ['object'])
  t.same(await ids('array'), ['empty-array', 'int-array'])
  t.same(await ids('binData'), ['binData'])
  t.same(await ids('objectId'), ['objectId'])
  t.same(await ids('bool'), ['bool'])
  t.same(await ids('date'), ['date'])
  t.same(await ids('null'), ['null'], 'a missing field has no type')
  t.same(await ids('timestamp'), ['timestamp'])
  t.same(await ids('regex'), ['regex'])
  t.same(await ids(18), ['long'], 'numeric type codes')
  t.same(await ids(2), ['string'])
  t.same(await ids(['string', 'bool']), ['bool', 'string'], 'a list of types')
})

t.test('sorting mixed types follows the BSON comparison order', async t => {
  const c = coll('mixed')
  // Listed in MongoDB's ascending order: MinKey, null, numbers, strings, objects, binary data, ObjectId,
  // booleans, dates, timestamps, regular expressions, MaxKey (within a type, by value).
  const ordered: unknown[] = [
    new MinKey(),
    null,
    new Int32(-1),
    new Double(2.5),
    Long.fromNumber(3),
    Decimal128.fromString('3.5'),
    'B',
    'a',
    'b',
    { a: 1 },
    { a: 2 },
    { b: 0 },
    new Binary(Buffer.from([9])),
    new Binary(Buffer.from([0, 0])),
    new ObjectId('000000000000000000000001'),
    new ObjectId('ffffffffffffffffffffffff'),
    false,
    true,
    before1970,
    date,
    new Timestamp({ t: 1, i: 1 }),
    new Timestamp({ t: 2, i: 0 }),
    new BSONRegExp('a', ''),
    new MaxKey()
  ]
  const docs = ordered.map((v, rank) => ({ rank, v }))
  const shuffled = [...docs.filter((_, i) => i % 2 === 1).reverse(), ...docs.filter((_, i) => i % 2 === 0)]
  await c.insertMany(shuffled)
  const up = (await c.find({}, { sort: { v: 1 } }).toArray()).map(d => d.rank)
  t.same(up, docs.map(d => d.rank), 'ascending')
  const down = (await c.find({}, { sort: { v: -1 } }).toArray()).map(d => d.rank)
  t.same(down, docs.map(d => d.rank).reverse(), 'descending')
  const viaAggregate = (await c.aggregate([{ $sort: { v: 1 } }]).toArray()).map(d => d.rank)
  t.same(viaAggregate, docs.map(d => d.rank), '$sort agrees')
  t.same((await c.find({ v: { $gt: 2 } }, { sort: { v: 1 } }).toArray()).map(d => d.rank), [3, 4, 5], 'range queries stay within a type')
  t.same((await c.find({ v: { $lt: 'b' } }, { sort: { v: 1 } }).toArray()).map(d => d.rank), [6, 7])
})

t.test('arrays sort by their smallest element ascending and their largest descending', async t => {
  const c = coll('array_sort')
  await c.insertMany([{ _id: 'wide', v: [1, 9] }, { _id: 'five', v: 5 }, { _id: 'mid', v: [4, 6] }])
  t.same((await c.find().sort({ v: 1 }).toArray()).map(d => d._id), ['wide', 'mid', 'five'])
  t.same((await c.find().sort({ v: -1 }).toArray()).map(d => d._id), ['wide', 'mid', 'five'])
})

t.test('update operators keep MongoDB numeric result types', async t => {
  const c = coll('arith')
  await c.insertOne({
    _id: 1,
    i: new Int32(2147483647),
    l: Long.fromNumber(10),
    d: new Double(1.5),
    m: new Int32(6),
    dec: Decimal128.fromString('0.1'),
    kept: Long.fromNumber(1)
  })
  await c.updateOne({ _id: 1 }, {
    $inc: { i: new Int32(1), l: new Int32(1), d: new Int32(1), dec: Decimal128.fromString('0.2') },
    $mul: { m: new Int32(7) },
    $set: { setInt: new Int32(3), setDouble: new Double(3) }
  })
  const doc = await c.findOne({ _id: 1 }, raw)
  t.ok(doc?.i instanceof Long && doc.i.toString() === '2147483648', 'int32 overflow widens to int64')
  t.ok(doc?.l instanceof Long && doc.l.toNumber() === 11, 'int64 + int32 is int64')
  t.ok(doc?.d instanceof Double && doc.d.value === 2.5, 'double + int32 is double')
  t.ok(doc?.m instanceof Int32 && doc.m.value === 42, 'int32 * int32 is int32')
  t.ok(doc?.dec instanceof Decimal128 && doc.dec.toString() === '0.3', 'decimal arithmetic is exact')
  t.ok(doc?.kept instanceof Long, 'untouched int64 stays int64')
  t.ok(doc?.setInt instanceof Int32 && doc?.setDouble instanceof Double, '$set stores the given types')
})

t.test('aggregation results keep MongoDB numeric result types', async t => {
  const c = coll('agg_types')
  await c.insertMany([{ g: 1, n: new Int32(10), l: Long.fromNumber(1) }, { g: 1, n: new Int32(20), l: Long.fromNumber(2) }])
  const [row] = await c.aggregate([
    { $group: { _id: '$g', sum: { $sum: '$n' }, avg: { $avg: '$n' }, longSum: { $sum: '$l' }, count: { $sum: 1 } } }
  ], raw).toArray()
  t.ok(row.sum instanceof Int32 && row.sum.value === 30, '$sum of int32 is int32')
  t.ok(row.avg instanceof Double && row.avg.value === 15, '$avg is a double even when integral')
  t.ok(row.longSum instanceof Long && row.longSum.toNumber() === 3, '$sum of int64 is int64')
  t.ok(row.count instanceof Int32 && row.count.value === 2, '$sum: 1 counts in int32')
})

t.test('binary values stay intact after later traffic reuses the connection buffers', async t => {
  const c = coll('binary_detached')
  const payloads = Array.from({ length: 20 }, (_, i) => Buffer.alloc(64, i + 1))
  for (const [i, bytes] of payloads.entries()) await c.insertOne({ _id: i, bin: new Binary(bytes, 0) })
  // Many more writes and reads on the same connections, so any request buffer a stored value still
  // pointed into would have been overwritten by now.
  await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: 1000 + i, bin: new Binary(Buffer.alloc(64, 0xee), 0) })))
  await c.find({ _id: { $gte: 1000 } }).toArray()
  const stored = await c.find({ _id: { $lt: 20 } }).sort({ _id: 1 }).toArray()
  t.equal(stored.length, payloads.length)
  for (const [i, doc] of stored.entries()) {
    t.ok(doc.bin instanceof Binary && Buffer.from(doc.bin.buffer).equals(payloads[i]), `document ${i} keeps its bytes`)
  }
})
