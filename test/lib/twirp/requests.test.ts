import { test } from 'tap'
import { TwirpError } from '../../../lib/twirp/errors.js'
import {
  decodeContinueRequest,
  decodeDescribeRequest,
  decodeIdempotencyKey,
  decodeListRequest,
  decodeStartRequest
} from '../../../lib/twirp/requests.js'

const limits = { maxMessageLength: 10 }
const ID = '665f1c2ab4e1f2a3b4c5d6e7'

function failure (fn: () => unknown): { code: string, msg: string, meta: Record<string, string> | undefined } {
  try {
    fn()
  } catch (err) {
    if (err instanceof TwirpError) return { code: err.code, msg: err.message, meta: err.meta }
    throw err
  }
  throw new Error('expected a TwirpError')
}

test('StartConversation takes the message, trimmed, and ignores unknown fields', async (t) => {
  t.same(decodeStartRequest({ message: '  hola  ', model: 'gpt-4', extra: { a: 1 } }, limits), { kind: 'new', message: 'hola' })
})

test('a blank or missing message is invalid_argument "message is required"', async (t) => {
  for (const body of [{}, { message: '' }, { message: '   \n' }, { message: null }]) {
    t.same(failure(() => decodeStartRequest(body, limits)), { code: 'invalid_argument', msg: 'message is required', meta: { argument: 'message' } }, JSON.stringify(body))
    t.same(failure(() => decodeContinueRequest({ ...body, conversation_id: ID }, limits)).meta, { argument: 'message' })
  }
})

test('a message over the limit is invalid_argument; length counts characters', async (t) => {
  t.same(failure(() => decodeStartRequest({ message: 'x'.repeat(11) }, limits)), {
    code: 'invalid_argument', msg: 'message must be at most 10 characters', meta: { argument: 'message' }
  })
  t.equal(decodeStartRequest({ message: '😀'.repeat(10) }, limits).message, '😀'.repeat(10), 'ten emoji are ten characters')
})

test('fields are read by their snake_case and lowerCamelCase names', async (t) => {
  const snake = { message: 'hi', session_metadata: { platform: 'telegram', user_id: 'u-1', chat_id: '42' } }
  const camel = { message: 'hi', sessionMetadata: { platform: 'telegram', userId: 'u-1', chatId: '42' } }
  const session = { kind: 'session', message: 'hi', session: { platform: 'telegram', chatId: '42', userId: 'u-1' } }
  t.same(decodeStartRequest(snake, limits), session)
  t.same(decodeStartRequest(camel, limits), session)
  t.same(decodeContinueRequest(camel, limits), session)
  t.same(decodeContinueRequest({ conversationId: ID, message: 'hi' }, limits), { kind: 'conversation', message: 'hi', conversationId: ID })
  t.same(decodeDescribeRequest({ conversationId: ID }), { conversationId: ID })
  t.same(decodeDescribeRequest({ conversation_id: ID }), { conversationId: ID })
})

test('null and empty strings are unset, as in protobuf JSON', async (t) => {
  t.same(decodeStartRequest({ message: 'hi', session_metadata: null }, limits), { kind: 'new', message: 'hi' })
  t.same(decodeStartRequest({ message: 'hi', session_metadata: { platform: '', chat_id: '', user_id: '' } }, limits), { kind: 'new', message: 'hi' })
  t.same(decodeStartRequest({ message: 'hi', session_metadata: { platform: 'slack', user_id: null } }, limits), { kind: 'new', message: 'hi', metadata: { platform: 'slack' } })
  t.same(decodeContinueRequest({ message: 'hi', conversation_id: '', sessionMetadata: { platform: 'web', chatId: 'c' } }, limits).kind, 'session')
  t.same(decodeStartRequest({ message: 'hi', session_metadata: null, sessionMetadata: { platform: 'web', chat_id: 'c' } }, limits).kind, 'session', 'a null name does not clash with the other')
})

test('StartConversation with incomplete metadata starts a plain conversation carrying it', async (t) => {
  t.same(decodeStartRequest({ message: 'hi', session_metadata: { user_id: 'u-1', chat_id: '9' } }, limits), {
    kind: 'new', message: 'hi', metadata: { chatId: '9', userId: 'u-1' }
  })
})

test('the platform is accepted in any case and stored lower-case', async (t) => {
  t.same(decodeStartRequest({ message: 'hi', session_metadata: { platform: 'Telegram', chat_id: '1' } }, limits), {
    kind: 'session', message: 'hi', session: { platform: 'telegram', chatId: '1' }
  })
})

test('invalid session metadata is invalid_argument naming the field', async (t) => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ platform: 'tele gram', chat_id: '1' }, 'session_metadata.platform'],
    [{ platform: 'x'.repeat(33), chat_id: '1' }, 'session_metadata.platform'],
    [{ platform: 'telegram', chat_id: 'a/b' }, 'session_metadata.chat_id'],
    [{ platform: 'telegram', chat_id: 'a\u0000b' }, 'session_metadata.chat_id'],
    [{ platform: 'telegram', chat_id: 'c'.repeat(129) }, 'session_metadata.chat_id'],
    [{ platform: 'telegram', chat_id: '1', user_id: 'u\n1' }, 'session_metadata.user_id']
  ]
  for (const [metadata, argument] of cases) {
    const err = failure(() => decodeStartRequest({ message: 'hi', session_metadata: metadata }, limits))
    t.equal(err.code, 'invalid_argument', JSON.stringify(metadata))
    t.same(err.meta, { argument })
    t.match(err.msg, new RegExp(`^${argument.replace('.', '\\.')} must be`))
  }
})

test('ContinueConversation needs conversation_id or complete session metadata', async (t) => {
  t.same(failure(() => decodeContinueRequest({ message: 'hi' }, limits)), {
    code: 'invalid_argument',
    msg: 'conversation_id is required unless session_metadata names the chat (platform and chat_id)',
    meta: { argument: 'conversation_id' }
  })
  t.same(failure(() => decodeContinueRequest({ message: 'hi', session_metadata: { platform: 'telegram' } }, limits)), {
    code: 'invalid_argument', msg: 'session_metadata.chat_id is required without conversation_id', meta: { argument: 'session_metadata.chat_id' }
  })
  t.same(failure(() => decodeContinueRequest({ message: 'hi', session_metadata: { chat_id: '1', user_id: 'u' } }, limits)).meta, { argument: 'session_metadata.platform' })
  t.same(failure(() => decodeContinueRequest({ message: 'hi', session_metadata: {} }, limits)).meta, { argument: 'session_metadata.platform' })
})

test('conversation_id wins over session metadata, which is then not used', async (t) => {
  t.same(decodeContinueRequest({ message: 'hi', conversation_id: ID, session_metadata: { platform: 'telegram', chat_id: '1' } }, limits), {
    kind: 'conversation', message: 'hi', conversationId: ID
  })
})

test('ids are passed on unchecked: a malformed one is the service\'s not_found', async (t) => {
  t.same(decodeContinueRequest({ message: 'hi', conversation_id: 'not-an-id' }, limits), { kind: 'conversation', message: 'hi', conversationId: 'not-an-id' })
  t.same(decodeDescribeRequest({ conversation_id: 'nope' }), { conversationId: 'nope' })
})

test('DescribeConversation without an id is invalid_argument', async (t) => {
  t.same(failure(() => decodeDescribeRequest({})), { code: 'invalid_argument', msg: 'conversation_id is required', meta: { argument: 'conversation_id' } })
})

test('a body that is not an object, a wrong type or a duplicate field is malformed', async (t) => {
  const cases: Array<[() => unknown, string]> = [
    [() => decodeListRequest([]), 'the json request could not be decoded: the request must be a JSON object'],
    [() => decodeListRequest(null), 'the json request could not be decoded: the request must be a JSON object'],
    [() => decodeStartRequest('hello', limits), 'the json request could not be decoded: the request must be a JSON object'],
    [() => decodeStartRequest({ message: 42 }, limits), 'the json request could not be decoded: invalid value for string field message'],
    [() => decodeStartRequest({ message: ['hi'] }, limits), 'the json request could not be decoded: invalid value for string field message'],
    [() => decodeStartRequest({ message: 'hi', session_metadata: 'telegram' }, limits), 'the json request could not be decoded: invalid value for message field session_metadata'],
    [() => decodeStartRequest({ message: 'hi', session_metadata: { chat_id: 5 } }, limits), 'the json request could not be decoded: invalid value for string field session_metadata.chat_id'],
    [() => decodeDescribeRequest({ conversation_id: ID, conversationId: ID }), 'the json request could not be decoded: duplicate field conversation_id']
  ]
  for (const [fn, msg] of cases) {
    const err = failure(fn)
    t.equal(err.code, 'malformed')
    t.equal(err.msg, msg)
  }
})

test('ListConversations accepts any object', async (t) => {
  t.doesNotThrow(() => decodeListRequest({}))
  t.doesNotThrow(() => decodeListRequest({ page_size: 10 }))
})

test('the Idempotency-Key is 1 to 255 visible ASCII characters', async (t) => {
  t.equal(decodeIdempotencyKey(undefined), undefined)
  t.equal(decodeIdempotencyKey('6f1c7a52-6f0e'), '6f1c7a52-6f0e')
  for (const bad of ['', 'has space', 'k'.repeat(256), 'clé', ['a', 'b']]) {
    t.same(failure(() => decodeIdempotencyKey(bad)).meta, { argument: 'Idempotency-Key' }, JSON.stringify(bad))
  }
})
