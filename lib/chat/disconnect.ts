import type { ServerResponse } from 'node:http'

export interface DisconnectSignal { signal: AbortSignal, dispose (): void }

// Aborts when the connection closes before the response was fully written: the client went away, so
// the model call stops instead of spending on an answer nobody reads. (The response's `close` is the
// reliable signal; the request's fires once its body is read.)
export function disconnectSignal (res: ServerResponse): DisconnectSignal {
  const controller = new AbortController()
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort(new Error('the client closed the connection'))
  }
  res.once('close', onClose)
  return { signal: controller.signal, dispose: () => { res.off('close', onClose) } }
}
