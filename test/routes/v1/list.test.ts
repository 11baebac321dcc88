import { test } from 'tap'
import { build } from '../../helper.js'
import { auth, startConversation } from './chat-fixtures.js'

interface Page { items: Array<{ id: string, updatedAt: string }>, nextCursor: string | null }

test('GET /v1/conversations', async (t) => {
  const app = await build(t)
  const list = async (query: string): Promise<Page> => {
    const res = await app.inject({ method: 'GET', url: `/v1/conversations${query}`, headers: auth })
    if (res.statusCode !== 200) throw new Error(`${res.statusCode}: ${res.body}`)
    return res.json()
  }

  const initial: string[] = []
  for (let i = 0; i < 25; i++) initial.push((await startConversation(app, `hello ${i}`)).conversation.id)

  await t.test('pages return every conversation exactly once, newest activity first, while new ones are created', async (t) => {
    const seen: string[] = []
    const created: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = `?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`
      const [page]: [Page, void] = await Promise.all([
        list(query),
        // Concurrent creations land before the cursor: they never shift later pages.
        startConversation(app, `created meanwhile ${pages}`).then((turn) => { created.push(turn.conversation.id) })
      ])
      seen.push(...page.items.map((c) => c.id))
      const times = page.items.map((c) => Date.parse(c.updatedAt))
      t.same(times, [...times].sort((a, b) => b - a), `page ${pages} is newest first`)
      cursor = page.nextCursor
      pages++
    } while (cursor !== null && pages < 50)
    t.equal(new Set(seen).size, seen.length, 'no conversation twice')
    for (const id of initial) t.ok(seen.includes(id), `saw ${id}`)
    const extra = seen.filter((id) => !initial.includes(id))
    t.ok(extra.every((id) => created.includes(id)), 'anything else seen was created meanwhile')
  })

  await t.test('a new conversation appears first; activity moves one to the front', async (t) => {
    const fresh = await startConversation(app, 'the newest')
    t.equal((await list('?limit=1')).items[0]?.id, fresh.conversation.id)
    const oldest = initial[0] ?? ''
    await app.inject({ method: 'POST', url: `/v1/conversations/${oldest}/messages`, headers: auth, payload: { message: 'bump' } })
    t.equal((await list('?limit=1')).items[0]?.id, oldest)
  })

  await t.test('the default page is 20 and the last page has no cursor', async (t) => {
    const page = await list('')
    t.equal(page.items.length, 20)
    t.type(page.nextCursor, 'string')
    const all = await list('?limit=100')
    t.equal(all.nextCursor, null)
  })

  await t.test('limit outside 1..100, an unknown cursor or an unknown parameter is 400', async (t) => {
    for (const query of ['?limit=0', '?limit=101', '?limit=abc', '?cursor=not-a-cursor', '?cursor=AAAA', '?sort=asc']) {
      const res = await app.inject({ method: 'GET', url: `/v1/conversations${query}`, headers: auth })
      t.equal(res.statusCode, 400, query)
      t.match(res.json(), { statusCode: 400, error: 'Bad Request' }, query)
    }
  })
})
