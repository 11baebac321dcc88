import { test } from 'tap'
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../lib/embedded-mongo/index.js'
import { RawClient } from './raw-client.js'

interface Logged { level: string, msg: string }

async function server (t: { teardown (fn: () => unknown): void }): Promise<{ mongo: EmbeddedMongo, logs: Logged[] }> {
  const logs: Logged[] = []
  const mongo = await startEmbeddedMongo({
    logger: {
      info: (msg) => logs.push({ level: 'info', msg }),
      warn: (msg) => logs.push({ level: 'warn', msg }),
      error: (msg) => logs.push({ level: 'error', msg })
    }
  })
  t.teardown(() => mongo.close())
  return { mongo, logs }
}

async function client (t: { teardown (fn: () => unknown): void }, port: number): Promise<RawClient> {
  const c = await RawClient.open(port)
  t.teardown(() => c.close())
  return c
}

test('the legacy OP_QUERY handshake is answered with an OP_REPLY carrying the hello fields', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  c.send(c.queryFrame('admin.$cmd', { isMaster: 1, helloOk: true }, 77))
  const reply = await c.next()
  t.equal(reply?.opCode, 1)
  t.equal(reply?.responseTo, 77)
  t.match(reply?.doc, {
    ismaster: true,
    helloOk: true,
    maxBsonObjectSize: 16777216,
    maxMessageSizeBytes: 48000000,
    maxWriteBatchSize: 100000,
    logicalSessionTimeoutMinutes: 30,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1
  })
  t.ok(reply?.doc.localTime instanceof Date)
  t.type(reply?.doc.connectionId, 'number')
  t.notOk('topologyVersion' in (reply?.doc ?? {}), 'no topologyVersion keeps the driver on polling monitors')
})

test('OP_MSG hello answers isWritablePrimary and echoes the request id', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  c.send(c.msgFrame({ hello: 1, $db: 'admin' }, { requestId: 4242 }))
  const reply = await c.next()
  t.equal(reply?.opCode, 2013)
  t.equal(reply?.responseTo, 4242)
  t.match(reply?.doc, { isWritablePrimary: true, ok: 1 })
})

test('a kind-1 document sequence supplies the documents of an insert', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  const inserted = await (async () => {
    c.send(c.msgFrame({ insert: 'things', $db: 'wire' }, { sequences: [['documents', [{ _id: 1 }, { _id: 2 }]]] }))
    return (await c.next())?.doc
  })()
  t.match(inserted, { n: 2, ok: 1 })
  const found = await c.command({ find: 'things', filter: {}, $db: 'wire' })
  t.same(found?.cursor.firstBatch, [{ _id: 1 }, { _id: 2 }])
})

test('a message with the checksum flag is accepted', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  c.send(c.msgFrame({ ping: 1, $db: 'admin' }, { checksum: true }))
  t.match((await c.next())?.doc, { ok: 1 })
})

test('moreToCome requests get no reply but are executed', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  c.send(c.msgFrame({ insert: 'quiet', documents: [{ _id: 'a' }], $db: 'wire' }, { flags: 2 }))
  t.equal(await c.next(300), undefined, 'no reply to a moreToCome message')
  c.send(c.msgFrame({ count: 'quiet', $db: 'wire' }, { requestId: 9 }))
  const reply = await c.next()
  t.equal(reply?.responseTo, 9, 'the next reply answers the next request')
  t.match(reply?.doc, { n: 1, ok: 1 })
})

test('an unknown command is CommandNotFound (59) and the connection stays usable', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  t.match(await c.command({ frobnicate: 1, $db: 'admin' }), { ok: 0, code: 59, codeName: 'CommandNotFound', errmsg: "no such command: 'frobnicate'" })
  t.match(await c.command({ ping: 1, $db: 'admin' }), { ok: 1 })
})

test('an OP_MSG without $db is an error reply, not a dropped connection', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  t.match(await c.command({ ping: 1 }), { ok: 0, code: 40571 })
  t.match(await c.command({ ping: 1, $db: 'admin' }), { ok: 1 })
})

const malformed: [string, (c: RawClient) => Buffer][] = [
  ['a length below the header size', () => {
    const b = Buffer.alloc(16)
    b.writeInt32LE(8, 0)
    return b
  }],
  ['a frame larger than maxMessageSizeBytes', () => {
    const b = Buffer.alloc(16)
    b.writeInt32LE(48_000_001, 0)
    b.writeInt32LE(2013, 12)
    return b
  }],
  ['an unknown opcode', () => {
    const b = Buffer.alloc(26)
    b.writeInt32LE(26, 0)
    b.writeInt32LE(9999, 12)
    return b
  }],
  ['a body that is not valid BSON', (c) => {
    const frame = c.msgFrame({ ping: 1, $db: 'admin' })
    frame.writeInt32LE(1000, 21)
    return frame
  }],
  ['an unknown section kind', (c) => {
    const frame = c.msgFrame({ ping: 1, $db: 'admin' })
    frame[20] = 7
    return frame
  }],
  ['an unknown required flag bit', (c) => c.msgFrame({ ping: 1, $db: 'admin' }, { flags: 4 })]
]

for (const [what, build] of malformed) {
  test(`${what} closes only that connection, with a log line`, async (t) => {
    const { mongo, logs } = await server(t)
    const bad = await client(t, mongo.port)
    const good = await client(t, mongo.port)
    bad.send(build(bad))
    t.ok(await bad.waitClosed(), 'the offending connection is closed')
    t.match(await good.command({ ping: 1, $db: 'admin' }), { ok: 1 }, 'another connection keeps working')
    t.ok(logs.some((l) => l.level === 'warn' && /closing connection/.test(l.msg)), 'the reason is logged')
    const fresh = await client(t, mongo.port)
    t.match(await fresh.command({ ping: 1, $db: 'admin' }), { ok: 1 }, 'new connections are accepted')
  })
}

test('a frame split across many TCP writes is reassembled', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  const docs = Array.from({ length: 200 }, (_, i) => ({ _id: i, pad: 'x'.repeat(1000) }))
  const frame = c.msgFrame({ insert: 'big', documents: docs, $db: 'wire' })
  for (let i = 0; i < frame.length; i += 333) {
    c.send(frame.subarray(i, i + 333))
    await new Promise((resolve) => setImmediate(resolve))
  }
  t.match((await c.next())?.doc, { n: 200, ok: 1 })
})

test('many connections are served at once', async (t) => {
  const { mongo } = await server(t)
  const clients = await Promise.all(Array.from({ length: 50 }, async () => await client(t, mongo.port)))
  const replies = await Promise.all(clients.map(async (c, i) => await c.command({ insert: 'many', documents: [{ _id: i }], $db: 'wire' })))
  t.ok(replies.every((r) => r?.ok === 1))
  t.match(await clients[0].command({ count: 'many', $db: 'wire' }), { n: 50 })
})

test('a document over 16 MiB is refused with BSONObjectTooLarge (10334)', async (t) => {
  const { mongo } = await server(t)
  const c = await client(t, mongo.port)
  const reply = await c.command({ insert: 'huge', documents: [{ _id: 1, pad: 'x'.repeat(16 * 1024 * 1024) }], $db: 'wire' })
  t.match(reply, { ok: 1, n: 0, writeErrors: [{ index: 0, code: 10334, codeName: 'BSONObjectTooLarge' }] })
  t.match(await c.command({ count: 'huge', $db: 'wire' }), { n: 0 })
})
