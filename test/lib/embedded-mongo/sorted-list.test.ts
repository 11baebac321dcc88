import { test } from 'tap'
import fc from 'fast-check'
import { SortedList } from '../../../lib/embedded-mongo/sorted-list.js'

test('a SortedList stays sorted and matches a reference array under random inserts and deletes', async (t) => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 })), { maxLength: 3000 }), (ops) => {
    const list = new SortedList<number>((a, b) => a - b)
    const ref: number[] = []
    for (const [insert, v] of ops) {
      if (insert) {
        list.insert(v)
        ref.push(v)
        ref.sort((a, b) => a - b)
      } else {
        const i = ref.indexOf(v)
        const removed = list.delete(v)
        if (removed !== (i >= 0)) return false
        if (i >= 0) ref.splice(i, 1)
      }
    }
    return list.size === ref.length && JSON.stringify([...list]) === JSON.stringify(ref)
  }), { numRuns: 60 })
  t.pass('property holds')
})

test('seek and iteration walk forward and backward from a position', async (t) => {
  const list = new SortedList<number>((a, b) => a - b)
  for (let i = 0; i < 5000; i++) list.insert((i * 7919) % 5000)
  const pos = list.seek((x) => x < 2500)
  t.equal(list.at(pos), 2500)
  const forward = [...list.from(pos, true)].slice(0, 3)
  t.same(forward, [2500, 2501, 2502])
  const backward = [...list.from(pos, false)].slice(0, 3)
  t.same(backward, [2499, 2498, 2497])
  t.same([...list.from(list.seek(() => true), false)].slice(0, 2), [4999, 4998], 'backward from the end')
  t.same([...list.from(list.seek(() => false), false)], [], 'nothing before the start')
})
