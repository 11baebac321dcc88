// A TCP proxy in front of a MongoDB-compatible server that can take the database away at a precise
// moment: it reads each command the driver sends (the wire format of lib/embedded-mongo/wire.ts) and,
// when the test's rule says so, cuts every connection and refuses new ones for a while. That is what a
// MongoDB restart or failover looks like from the app: network errors, then server-selection timeouts.
import { createServer, connect, type Server, type Socket } from 'node:net'
import { once } from 'node:events'
import { messageLength, parseMessage, HEADER_BYTES } from '../../lib/embedded-mongo/wire.js'

export type Command = Record<string, unknown>

export interface MongoFaultProxy {
  uri: string
  /** Decides, per command, whether the database goes away now (for `outageMs`) instead of answering it. */
  cutWhen: (rule: ((command: Command) => boolean) | undefined, outageMs: number) => void
  /** Resolves when the last outage has ended. */
  outageOver: () => Promise<void>
  /** How many outages the rule caused. */
  outages: () => number
  close: () => Promise<void>
}

export async function startMongoFaultProxy (target: { host: string, port: number }): Promise<MongoFaultProxy> {
  const sockets = new Set<Socket>()
  let rule: ((command: Command) => boolean) | undefined
  let outageMs = 0
  let downUntil = 0
  let outageCount = 0
  let outageEnd: Promise<void> = Promise.resolve()
  let outageTimer: NodeJS.Timeout | undefined

  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  }

  const goDown = (): void => {
    outageCount++
    downUntil = Date.now() + outageMs
    outageEnd = new Promise((resolve) => { outageTimer = setTimeout(resolve, outageMs) })
    for (const socket of sockets) socket.destroy()
  }

  const server: Server = createServer((client) => {
    track(client)
    if (Date.now() < downUntil) {
      client.destroy()
      return
    }
    const upstream = connect(target.port, target.host)
    track(upstream)
    upstream.pipe(client)
    upstream.on('close', () => client.destroy())
    client.on('close', () => upstream.destroy())
    let pending = Buffer.alloc(0)
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= HEADER_BYTES && pending.length >= messageLength(pending, 0)) {
        const length = messageLength(pending, 0)
        const message = pending.subarray(0, length)
        pending = pending.subarray(length)
        const request = parseMessage(message)
        if (rule?.(request.body) === true) {
          rule = undefined
          goDown()
          return
        }
        upstream.write(message)
      }
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no proxy address')

  return {
    uri: `mongodb://127.0.0.1:${address.port}/?directConnection=true`,
    cutWhen (next, ms) {
      rule = next
      outageMs = ms
    },
    outageOver: () => outageEnd,
    outages: () => outageCount,
    async close () {
      clearTimeout(outageTimer)
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
