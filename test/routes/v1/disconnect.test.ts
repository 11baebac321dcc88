import { request as httpRequest } from 'node:http'
import { test } from 'tap'
import { createOfflineProvider, type Provider } from '../../../lib/assistant/index.js'
import { build } from '../../helper.js'
import { auth, post, startConversation } from './chat-fixtures.js'

// A provider that hangs on the first call until its signal aborts, then reports what happened.
function hangingProvider () {
  const offline = createOfflineProvider()
  let hang = false
  let started: () => void = () => {}
  let aborted: (reason: unknown) => void = () => {}
  const startedP = new Promise<void>((resolve) => { started = resolve })
  const abortedP = new Promise<unknown>((resolve) => { aborted = resolve })
  const provider: Provider = {
    name: 'hanging',
    async * stream (request) {
      if (!hang) {
        yield * offline.stream(request)
        return
      }
      started()
      await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }))
      aborted(request.signal.reason)
      throw request.signal.reason
    }
  }
  return { provider, setHang: (value: boolean) => { hang = value }, started: startedP, aborted: abortedP }
}

test('a client that disconnects aborts the assistant; its message stays for POST .../reply', async (t) => {
  const hanging = hangingProvider()
  const app = await build(t, {}, { app: { assistant: { provider: hanging.provider } } })
  const { conversation } = await startConversation(app, 'hello')
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')

  hanging.setHang(true)
  const body = JSON.stringify({ message: 'what time is it in Lisbon?' })
  const req = httpRequest({
    host: '127.0.0.1',
    port: address.port,
    method: 'POST',
    path: `/v1/conversations/${conversation.id}/messages`,
    headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
  })
  req.on('error', () => {})
  req.end(body)
  await hanging.started
  req.destroy()
  const reason = await hanging.aborted
  t.ok(reason instanceof Error, 'the model call was aborted')

  hanging.setHang(false)
  // The aborted turn released its reply claim: the stored message can be answered now.
  let reply = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
  for (let i = 0; i < 20 && reply.statusCode === 409; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    reply = await app.inject(post(`/v1/conversations/${conversation.id}/reply`, undefined))
  }
  t.equal(reply.statusCode, 201)
  t.equal(reply.json().message.content, 'what time is it in Lisbon?')
  t.match(reply.json().reply.content, /Lisbon/)
})
