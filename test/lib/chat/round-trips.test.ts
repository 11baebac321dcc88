// How many database commands a chat turn costs (issue 11: every round trip is driver, BSON and server
// work on the request path). Counted with the driver's command monitoring against the embedded server.
import { test } from 'tap'
import { MongoClient } from 'mongodb'
import { createChat, type AssistantEvent, type ReplyEngine } from '../../../lib/chat/index.js'
import { initialIndexes } from '../../../lib/migrations/001-initial-indexes.js'
import { resolveMongoTarget } from '../../../lib/mongo/target.js'

const engine: ReplyEngine = {
  async * reply (request): AsyncGenerator<AssistantEvent> {
    const content = `echo: ${request.message}`
    yield { type: 'done', content, toolCalls: [], usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, context: { historyMessages: request.history.length, droppedMessages: 0, promptTokens: 0 } }
  }
}

test('database commands per chat turn', async (t) => {
  const target = await resolveMongoTarget({})
  const client = new MongoClient(target.uri, { monitorCommands: true })
  t.teardown(async () => { await client.close(); await target.close() })
  await client.connect()
  const db = client.db('round_trips')
  await initialIndexes.up(db)
  const commands: string[] = []
  client.on('commandStarted', (event) => {
    if (!['hello', 'isMaster', 'ping', 'endSessions'].includes(event.commandName)) commands.push(`${event.commandName} ${String(event.command[event.commandName])}`)
  })
  const { service, close } = createChat({ db, engine, titles: async (message) => `T:${message}`, sessionTtlMs: 60_000 })
  t.teardown(close)

  commands.length = 0
  const started = await service.start('o1', { message: 'first' })
  t.same(commands, [
    'insert conversations', // the conversation, already holding sequence 1
    'insert messages', // the user message, seq 1
    'findAndModify conversations', // sequence 2 for the reply
    'insert messages', // the reply
    'findAndModify conversations' // the title
  ], 'a new conversation: no sequence round trip for its first message, no history read (there is none)')
  t.equal(started.message.id.length, 24)
  t.equal(started.conversation.messageCount, 2)
  const stored = await db.collection('messages').find({}, { projection: { _id: 0, seq: 1, role: 1 } }).sort({ seq: 1 }).toArray()
  t.same(stored, [{ seq: 1, role: 'user' }, { seq: 2, role: 'assistant' }], 'the first message is seq 1 and the reply seq 2')

  commands.length = 0
  const next = await service.post('o1', started.conversation.id, { message: 'second' })
  t.same(commands, ['findAndModify conversations', 'insert messages', 'find messages', 'findAndModify conversations', 'insert messages'],
    'a later turn: sequence, user message, history, sequence, reply')
  t.equal(next.conversation.messageCount, 4)

  commands.length = 0
  const session = await service.session('o1', { platform: 'telegram', chatId: '42', message: 'hi' })
  t.equal(session.started, true)
  t.notOk(commands.includes('find messages'), 'a session\'s first turn reads no history either')
  t.equal(session.conversation.messageCount, 2)
})
