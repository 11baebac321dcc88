import { test } from 'tap'
import type { ConversationView, MessageView, TurnResult } from '../../../lib/chat/index.js'
import {
  continueConversationResponse,
  describeConversationResponse,
  listConversationsResponse,
  rfc3339,
  startConversationResponse,
  twirpConversation,
  twirpMessage
} from '../../../lib/twirp/responses.js'

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function conversation (overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: '665f1c2ab4e1f2a3b4c5d6e7',
    title: 'Time in Tokyo',
    createdAt: '2026-11-25T12:00:00.000Z',
    updatedAt: '2026-11-25T12:05:30.250Z',
    messageCount: 2,
    metadata: { platform: 'api' },
    ...overrides
  }
}

function message (role: 'user' | 'assistant', content: string, createdAt = '2026-11-25T12:05:30.000Z'): MessageView {
  return { id: role === 'user' ? '665f1c2ab4e1f2a3b4c5d6e8' : '665f1c2ab4e1f2a3b4c5d6e9', role, content, createdAt }
}

function turn (title: string, reply: string): TurnResult {
  return { conversation: conversation({ title }), message: message('user', 'hi'), reply: message('assistant', reply) }
}

test('timestamps are RFC 3339 UTC, without a zero fraction', async (t) => {
  t.equal(rfc3339('2026-11-25T12:00:00.000Z'), '2026-11-25T12:00:00Z')
  t.equal(rfc3339('2026-11-25T12:00:00.250Z'), '2026-11-25T12:00:00.250Z')
  t.match(rfc3339('2026-11-25T12:00:00.000Z'), RFC3339)
})

test('StartConversation answers conversation_id, title and the reply text', async (t) => {
  t.same(startConversationResponse(turn('Time in Tokyo', 'It is 21:00.')), {
    conversation_id: '665f1c2ab4e1f2a3b4c5d6e7', title: 'Time in Tokyo', reply: 'It is 21:00.'
  })
  t.same(startConversationResponse(turn('', 'It is 21:00.')), { conversation_id: '665f1c2ab4e1f2a3b4c5d6e7', reply: 'It is 21:00.' }, 'an empty title is omitted')
})

test('ContinueConversation answers only the reply text', async (t) => {
  t.same(continueConversationResponse(turn('Time in Tokyo', 'Madrid: 14:00.')), { reply: 'Madrid: 14:00.' })
  t.same(continueConversationResponse(turn('Time in Tokyo', '')), {}, 'an empty reply is omitted')
})

test('messages carry the role enum strings and RFC 3339 timestamps', async (t) => {
  t.same(twirpMessage(message('user', 'hola')), { id: '665f1c2ab4e1f2a3b4c5d6e8', role: 'USER', content: 'hola', timestamp: '2026-11-25T12:05:30Z' })
  t.same(twirpMessage(message('assistant', '')), { id: '665f1c2ab4e1f2a3b4c5d6e9', role: 'ASSISTANT', timestamp: '2026-11-25T12:05:30Z' }, 'empty content omitted')
})

test('a conversation\'s timestamp is its last update; empty title and messages are omitted', async (t) => {
  t.same(twirpConversation(conversation()), { id: '665f1c2ab4e1f2a3b4c5d6e7', title: 'Time in Tokyo', timestamp: '2026-11-25T12:05:30.250Z' })
  t.same(twirpConversation(conversation({ title: '' }), []), { id: '665f1c2ab4e1f2a3b4c5d6e7', timestamp: '2026-11-25T12:05:30.250Z' })
})

test('ListConversations lists without messages and answers {} when there are none', async (t) => {
  t.same(listConversationsResponse([]), {})
  const listed = listConversationsResponse([conversation(), conversation({ id: '665f1c2ab4e1f2a3b4c5d6ea', title: '' })])
  t.same(listed, {
    conversations: [
      { id: '665f1c2ab4e1f2a3b4c5d6e7', title: 'Time in Tokyo', timestamp: '2026-11-25T12:05:30.250Z' },
      { id: '665f1c2ab4e1f2a3b4c5d6ea', timestamp: '2026-11-25T12:05:30.250Z' }
    ]
  })
})

test('DescribeConversation carries the messages in order', async (t) => {
  const described = describeConversationResponse(conversation(), [message('user', 'hi'), message('assistant', 'hello')])
  t.same(described.conversation.messages?.map((m) => [m.role, m.content]), [['USER', 'hi'], ['ASSISTANT', 'hello']])
  t.same(describeConversationResponse(conversation(), []), { conversation: { id: '665f1c2ab4e1f2a3b4c5d6e7', title: 'Time in Tokyo', timestamp: '2026-11-25T12:05:30.250Z' } })
})
