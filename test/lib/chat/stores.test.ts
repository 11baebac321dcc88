import { test } from 'tap'
import { ObjectId } from 'mongodb'
import {
  createConversationStore,
  createMessageStore,
  createSessionStore,
  decodeListCursor,
  encodeListCursor
} from '../../../lib/conversations/index.js'
import { createMemoryKv } from '../../../lib/kv/memory-kv.js'
import type { KeyValueStore } from '../../../lib/kv/types.js'
import { initialIndexes } from '../../../lib/migrations/001-initial-indexes.js'
import { embeddedDb } from '../embedded-db.js'

test('list cursors round-trip and reject anything else', async (t) => {
  const position = { updatedAt: new Date('2026-01-02T03:04:05.678Z'), id: new ObjectId() }
  const decoded = decodeListCursor(encodeListCursor(position))
  t.equal(decoded?.updatedAt.getTime(), position.updatedAt.getTime())
  t.equal(decoded?.id.toHexString(), position.id.toHexString())
  for (const bad of ['', 'AAAA', 'not a cursor', Buffer.from('123.zz').toString('base64url'), Buffer.from(`x.${position.id.toHexString()}`).toString('base64url'), 'a'.repeat(65)]) {
    t.equal(decodeListCursor(bad), undefined, JSON.stringify(bad))
  }
})

test('stores over a real driver Db', async (t) => {
  const { db } = await embeddedDb(t)
  await initialIndexes.up(db)
  let at = Date.parse('2026-03-01T10:00:00Z')
  const now = (): Date => new Date(at)
  const conversations = createConversationStore(db, now)
  const messages = createMessageStore(db, now)

  await t.test('appends get distinct gap-free sequence numbers under concurrency', async (t) => {
    const conversation = await conversations.create('owner-a', {})
    const appended = await Promise.all(Array.from({ length: 30 }, (_, i) => messages.append('owner-a', conversation._id, { role: 'user', content: `m${i}` })))
    t.same(appended.map((a) => a?.message.seq).sort((a, b) => (a ?? 0) - (b ?? 0)), Array.from({ length: 30 }, (_, i) => i + 1))
    t.equal((await conversations.get('owner-a', conversation._id))?.messageCount, 30)
  })

  await t.test('another owner can neither read nor append to nor delete a conversation', async (t) => {
    const conversation = await conversations.create('owner-a', { title: 'mine' })
    t.equal(await conversations.get('owner-b', conversation._id), undefined)
    t.equal(await messages.append('owner-b', conversation._id, { role: 'user', content: 'x' }), undefined)
    t.equal(await conversations.setTitle('owner-b', conversation._id, 'theirs'), undefined)
    t.equal(await conversations.delete('owner-b', conversation._id), false)
    t.equal((await conversations.get('owner-a', conversation._id))?.title, 'mine')
  })

  await t.test('lists and pages read only what they show', async (t) => {
    const conversation = await conversations.create('owner-list', { title: 'summarized' })
    await messages.append('owner-list', conversation._id, { role: 'user', content: 'hello', tokens: 1, claimReply: true })
    t.equal(await conversations.setSummary('owner-list', conversation._id, { text: 'a long rolling summary', upTo: 1, expectedUpTo: undefined }), true)
    const listed = await conversations.list('owner-list', { limit: 5 })
    t.equal(listed?.items[0]?.title, 'summarized')
    t.notOk(listed?.items[0] !== undefined && 'summary' in listed.items[0], 'no summary in a list')
    const page = await messages.page('owner-list', conversation._id, { limit: 5 })
    t.same(Object.keys(page.messages[0] ?? {}).sort(), ['_id', 'content', 'createdAt', 'role', 'seq'], 'no owner, tokens or claim in a page')
  })

  await t.test('message pages go backwards by seq', async (t) => {
    const conversation = await conversations.create('owner-a', {})
    for (let i = 1; i <= 7; i++) await messages.append('owner-a', conversation._id, { role: i % 2 === 1 ? 'user' : 'assistant', content: `m${i}` })
    const latest = await messages.page('owner-a', conversation._id, { limit: 3 })
    t.same(latest.messages.map((m) => m.seq), [5, 6, 7])
    t.equal(latest.nextBefore, 5)
    const older = await messages.page('owner-a', conversation._id, { limit: 3, before: 5 })
    t.same(older.messages.map((m) => m.seq), [2, 3, 4])
    const oldest = await messages.page('owner-a', conversation._id, { limit: 3, before: 2 })
    t.same(oldest.messages.map((m) => m.seq), [1])
    t.equal(oldest.nextBefore, null)
    t.same((await messages.history(conversation._id, 6, 2)).map((m) => m.seq), [5, 6])
    await messages.append('owner-a', conversation._id, { role: 'user', content: 'm8', tokens: 2, claimReply: true })
    t.same(await messages.history(conversation._id, 8, 2), [{ seq: 7, role: 'user', content: 'm7' }, { seq: 8, role: 'user', content: 'm8', tokens: 2 }],
      'a turn reads only what its history needs: no ids, owner, dates or claims')
  })

  await t.test('a reply claim excludes a second producer until released or stale', async (t) => {
    const conversation = await conversations.create('owner-a', {})
    const appended = await messages.append('owner-a', conversation._id, { role: 'user', content: 'q', claimReply: true })
    if (appended === undefined) throw new Error('not appended')
    const id = appended.message._id
    t.equal(await messages.claimReply(id, new Date(at - 60_000)), false, 'held by the posting request')
    await messages.releaseReply(id)
    t.equal(await messages.claimReply(id, new Date(at - 60_000)), true)
    t.equal(await messages.claimReply(id, new Date(at - 60_000)), false)
    at += 120_000
    t.equal(await messages.claimReply(id, new Date(at - 60_000)), true, 'a stale claim is taken over')
  })

  await t.test('sessions expire, slide, survive a broken cache and never revive from a stale one', async (t) => {
    const kv = createMemoryKv({ now: () => at })
    const ttlMs = 60_000
    const sessions = createSessionStore({ db, now, ttlMs, kv })
    const address = { platform: 'telegram', chatId: 'c1', ownerId: 'owner-a' }
    t.equal(await sessions.continue(address), undefined)
    const first = new ObjectId()
    t.ok((await sessions.start(address, first)).equals(first))
    at += 50_000
    t.ok((await sessions.continue(address))?.equals(first), 'within TTL')
    at += 50_000
    t.ok((await sessions.continue(address))?.equals(first), 'slid by the previous message')
    at += 61_000
    t.equal(await sessions.continue(address), undefined, 'expired')

    const second = new ObjectId()
    await sessions.start(address, second)
    const rival = new ObjectId()
    t.ok((await sessions.start(address, rival)).equals(second), 'an active session wins over a late starter')

    await kv.set('session:telegram:c1:owner-a', new ObjectId().toHexString(), ttlMs)
    t.ok((await sessions.continue(address))?.equals(second), 'a wrong cache entry is corrected from MongoDB')
    await sessions.end(address)
    await kv.set('session:telegram:c1:owner-a', second.toHexString(), ttlMs)
    t.equal(await sessions.continue(address), undefined, 'a cache entry cannot revive an ended session')

    const broken: KeyValueStore = {
      mode: 'redis',
      get: async () => { throw new Error('down') },
      set: async () => { throw new Error('down') },
      del: async () => { throw new Error('down') },
      incr: async () => { throw new Error('down') },
      health: async () => 'unavailable',
      close: async () => {}
    }
    const degraded = createSessionStore({ db, now, ttlMs, kv: broken })
    const third = new ObjectId()
    t.ok((await degraded.start(address, third)).equals(third))
    t.ok((await degraded.continue(address))?.equals(third), 'MongoDB answers while the cache fails')
    await degraded.end(address)
    t.equal(await degraded.continue(address), undefined)
  })

  await t.test('concurrent session starts agree on one conversation', async (t) => {
    const sessions = createSessionStore({ db, now, ttlMs: 60_000 })
    const address = { platform: 'slack', chatId: 'race', ownerId: 'owner-a' }
    const candidates = Array.from({ length: 8 }, () => new ObjectId())
    const winners = await Promise.all(candidates.map((id) => sessions.start(address, id)))
    t.equal(new Set(winners.map((id) => id.toHexString())).size, 1)
  })

  await t.test('delete removes the messages too', async (t) => {
    const conversation = await conversations.create('owner-a', {})
    await messages.append('owner-a', conversation._id, { role: 'user', content: 'bye' })
    t.equal(await conversations.delete('owner-a', conversation._id), true)
    t.equal(await db.collection('messages').countDocuments({ conversationId: conversation._id }), 0)
  })
})
