import t from 'tap'
import type { Document } from 'mongodb'
import { connect } from './harness.js'

// MongoDB 5.0+ stores $-prefixed and dotted field names, at the top level too, with two exceptions: an
// _id may hold no $-prefixed name at any depth, and a replacement document no top-level one (there it
// would read as an update operator).
const { coll } = await connect(t, 'names')
const ID_REFUSED = { code: 52, codeName: 'DollarPrefixedFieldName', message: /_id fields may not contain '\$'-prefixed fields: \$a is not valid for storage/ }

t.test('top-level $-prefixed fields are stored and read back', async t => {
  const c = coll('dollar_top')
  const docs: Document[] = [{ _id: 1, $a: 1 }, { _id: 2, $b: { c: 1 } }, { _id: 3, $c: [1] }]
  await c.insertOne(docs[0])
  await c.insertMany([docs[1]])
  await c.bulkWrite([{ insertOne: { document: docs[2] } }])
  t.same(await c.find().sort({ _id: 1 }).toArray(), docs)
  await c.updateOne({ _id: 1 }, { $set: { other: true } })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, $a: 1, other: true }, 'an update elsewhere keeps the field')
})

t.test('dotted names and nested $-prefixed names are stored anywhere, _id included', async t => {
  const c = coll('dotted')
  const docs: Document[] = [
    { _id: 1, 'a.b': 1 },
    { _id: 2, a: { 'b.c': 1 } },
    { _id: 3, a: { $b: 1 } },
    { _id: 4, a: { $db: 'foo' } },
    { _id: { 'a.b': 1 } }
  ]
  for (const doc of docs) await c.insertOne(doc)
  t.equal(await c.countDocuments(), docs.length)
  t.same(await c.findOne({ _id: { 'a.b': 1 } }), docs[4])
  await c.replaceOne({ _id: 1 }, { 'a.b': 2, c: { $d: 1 } })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, 'a.b': 2, c: { $d: 1 } }, 'a replacement with nested $ and dotted names')
})

t.test('an _id holding a $-prefixed name, at any depth, is refused and nothing is stored', async t => {
  const c = coll('dollar_id')
  await t.rejects(c.insertOne({ _id: { $a: 1 } }), ID_REFUSED, 'insertOne')
  await t.rejects(c.insertMany([{ _id: { b: { $a: 1 } } }]), { code: 52, message: ID_REFUSED.message }, 'nested, insertMany')
  await t.rejects(c.insertOne({ _id: { b: [{ $a: 1 }] } }), ID_REFUSED, 'inside an array')
  await t.rejects(c.replaceOne({ k: 1 }, { _id: { $a: 1 } }, { upsert: true }), { code: 52 }, 'an upserted replacement')
  t.equal(await c.countDocuments(), 0)
})

t.test('a replacement with a top-level $-prefixed field is refused', async t => {
  const c = coll('dollar_replace')
  await c.insertOne({ _id: 1, a: 1 })
  await t.rejects(c.replaceOne({ _id: 1 }, { a: 2, $b: 1 }), { code: 52, codeName: 'DollarPrefixedFieldName' })
  t.same(await c.findOne({ _id: 1 }), { _id: 1, a: 1 })
})
