import { test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { createOfflineProvider, type Provider } from '../../../lib/assistant/index.js'
import { build } from '../../helper.js'
import { auth, post } from './chat-fixtures.js'

function signal (): { promise: Promise<void>, fire: () => void } {
  let fire = (): void => {}
  const promise = new Promise<void>((resolve) => { fire = resolve })
  return { promise, fire }
}

// Each side waits until the other has started: run one after the other, they would wait forever.
test('the title and the first reply are produced in parallel', async (t) => {
  const titleStarted = signal()
  const replyStarted = signal()
  const inner = createOfflineProvider()
  const provider: Provider = {
    name: 'waits-for-title',
    async * stream (request) {
      replyStarted.fire()
      await titleStarted.promise
      yield * inner.stream(request)
    }
  }
  const title = async (): Promise<string> => {
    titleStarted.fire()
    await replyStarted.promise
    return 'Made alongside the reply'
  }
  const app = await build(t, {}, { app: { assistant: { provider, title } } })
  // A bound, so a regression fails here instead of hanging the file; cleared at once when answered.
  const bound = new AbortController()
  const res = await Promise.race([
    app.inject(post('/v1/conversations', { message: 'what time is it in Tokyo?' }, auth)),
    sleep(10_000, undefined, { signal: bound.signal }).catch(() => undefined)
  ])
  bound.abort()
  t.ok(res, 'answered: neither waited for the other to finish')
  t.equal(res?.statusCode, 201)
  t.equal(res?.json().conversation.title, 'Made alongside the reply')
  t.match(res?.json().reply.content, /Tokyo/)
})
