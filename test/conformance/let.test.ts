import t from 'tap'
import type { Collection, Document } from 'mongodb'
import { connect, isExternal, type Doc } from './harness.js'

// `let` defines $$variables for a command's filter and pipeline. MongoDB evaluates them; the embedded
// server refuses them with NotImplemented (238). What neither may do is run the command without them,
// which fails as "Use of undefined variable" or, worse, matches other documents.
const { coll } = await connect(t, 'let')

const SEED = [{ _id: 1, name: 'a' }, { _id: 2, name: 'b' }]
const byVariable = { $expr: { $eq: ['$name', '$$target'] } }
const variables = { target: 'b' }

let fresh = 0
async function seeded (): Promise<Collection<Doc>> {
  const c = coll(`let_${++fresh}`)
  await c.insertMany(SEED.map((d) => ({ ...d })))
  return c
}

interface Case { name: string, run: (c: Collection<Doc>) => Promise<unknown>, after: Document[] }

const marked = [{ _id: 1, name: 'a' }, { _id: 2, name: 'b', x: 1 }]
const cases: Case[] = [
  { name: 'updateOne', run: async (c) => await c.updateOne(byVariable, { $set: { x: 1 } }, { let: variables }), after: marked },
  { name: 'updateMany', run: async (c) => await c.updateMany(byVariable, { $set: { x: 1 } }, { let: variables }), after: marked },
  { name: 'replaceOne', run: async (c) => await c.replaceOne(byVariable, { name: 'b', x: 1 }, { let: variables }), after: marked },
  { name: 'deleteOne', run: async (c) => await c.deleteOne(byVariable, { let: variables }), after: [SEED[0]] },
  { name: 'deleteMany', run: async (c) => await c.deleteMany(byVariable, { let: variables }), after: [SEED[0]] },
  { name: 'findOneAndUpdate', run: async (c) => await c.findOneAndUpdate(byVariable, { $set: { x: 1 } }, { let: variables }), after: marked },
  { name: 'findOneAndReplace', run: async (c) => await c.findOneAndReplace(byVariable, { name: 'b', x: 1 }, { let: variables }), after: marked },
  { name: 'findOneAndDelete', run: async (c) => await c.findOneAndDelete(byVariable, { let: variables }), after: [SEED[0]] },
  {
    name: 'bulkWrite',
    run: async (c) => await c.bulkWrite([{ updateOne: { filter: byVariable, update: { $set: { x: 1 } } } }], { let: variables }),
    after: marked
  }
]

for (const { name, run, after } of cases) {
  t.test(`${name} with let uses the variables or is refused, and never runs without them`, async t => {
    const c = await seeded()
    const err = await run(c).then(() => undefined, (e: unknown) => e)
    const docs = await c.find().sort({ _id: 1 }).toArray()
    if (isExternal) {
      t.equal(err, undefined, 'MongoDB evaluates let')
      t.same(docs, after)
    } else {
      t.match(err, { code: 238, codeName: 'NotImplemented', message: /let variables/ }, 'the embedded server refuses let')
      t.same(docs, SEED, 'nothing was written')
    }
  })
}

t.test('find and aggregate with let use the variables or are refused', async t => {
  const c = await seeded()
  const found = await c.find(byVariable, { let: variables }).toArray().then((docs) => docs, (e: unknown) => e)
  const aggregated = await c.aggregate([{ $match: byVariable }], { let: variables }).toArray().then((docs) => docs, (e: unknown) => e)
  const expected = isExternal ? [SEED[1]] : { code: 238 }
  t.match(found, expected, 'find')
  t.match(aggregated, expected, 'aggregate')
})
