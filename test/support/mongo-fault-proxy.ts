// A TCP proxy in front of a MongoDB-compatible server that can take the database away from the app's
// operations at a precise moment: it reads each command the driver sends (the wire format of
// lib/embedded-mongo/wire.ts) and, when the test's rule says so, cuts every connection that carries
// operations and refuses new ones for a while. The driver sees network errors, then refused connections
// (503s), then the same address serving again.
//
// Monitoring connections (those that only ever sent hello) are left alone. Cutting one exposes a race in
// the driver's polling monitor (mongodb 7): a check that starts on a connection whose socket was just
// destroyed never settles, and the server stays Unknown for good (seen about once in ten runs).
import { createServer, connect, type Socket } from 'node:net'
import { messageLength, parseMessage, HEADER_BYTES } from '../../lib/embedded-mongo/wire.js'
import { listenOnLoopback } from '../free-port.js'

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

interface Link { client: Socket, upstream: Socket, operations: boolean }

const HANDSHAKE = new Set(['hello', 'isMaster', 'ismaster'])

export async function startMongoFaultProxy (target: { host: string, port: number }): Promise<MongoFaultProxy> {
  const links = new Set<Link>()
  let rule: ((command: Command) => boolean) | undefined
  let outageMs = 0
  let downUntil = 0
  let outageCount = 0
  let outageEnd: Promise<void> = Promise.resolve()
  let outageTimer: NodeJS.Timeout | undefined

  const cut = (link: Link): void => {
    link.client.destroy()
    link.upstream.destroy()
    links.delete(link)
  }

  const goDown = (): void => {
    outageCount++
    downUntil = Date.now() + outageMs
    outageEnd = new Promise((resolve) => { outageTimer = setTimeout(resolve, outageMs) })
    for (const link of links) if (link.operations) cut(link)
  }

  const server = createServer((client) => {
    client.on('error', () => {})
    if (Date.now() < downUntil) {
      client.resetAndDestroy()
      return
    }
    const upstream = connect(target.port, target.host)
    upstream.on('error', () => {})
    const link: Link = { client, upstream, operations: false }
    links.add(link)
    upstream.pipe(client)
    upstream.on('close', () => cut(link))
    client.on('close', () => cut(link))
    let pending = Buffer.alloc(0)
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= HEADER_BYTES && pending.length >= messageLength(pending, 0)) {
        const length = messageLength(pending, 0)
        const message = pending.subarray(0, length)
        pending = pending.subarray(length)
        const { body } = parseMessage(message)
        if (!HANDSHAKE.has(Object.keys(body)[0] ?? '')) link.operations = true
        if (rule?.(body) === true) {
          rule = undefined
          goDown()
          return
        }
        upstream.write(message)
      }
    })
  })
  const port = await listenOnLoopback(server)

  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    cutWhen (next, ms) {
      rule = next
      outageMs = ms
    },
    outageOver: () => outageEnd,
    outages: () => outageCount,
    async close () {
      clearTimeout(outageTimer)
      for (const link of links) cut(link)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
