// A MongoDB-wire server that does no work: it answers the driver's handshake the way `acai mongo` does
// and acknowledges every insert with { n, ok: 1 } without storing anything. The insert benchmark runs
// the same driver load against it to show what the official driver on this machine can reach at all,
// so a figure from the real server can be read against that ceiling. Run directly, it listens on a free
// loopback port and prints its URI, like `acai mongo --port 0`.
import { createServer, type Socket } from 'node:net'
import { pathToFileURL } from 'node:url'
import { deserialize, serialize, type Document } from 'bson'

const HEADER_BYTES = 16
const OP_REPLY = 1
const OP_QUERY = 2004
const OP_MSG = 2013
const FLAG_MORE_TO_COME = 2
const MAX_MESSAGE_BYTES = 48_000_000

let nextConnectionId = 1
let nextRequestId = 1

function helloReply (connectionId: number, legacy: boolean): Document {
  return {
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1
  }
}

function answer (command: Document, connectionId: number): Document {
  const name = Object.keys(command)[0] ?? ''
  if (name === 'hello' || name === 'isMaster' || name === 'ismaster') return helloReply(connectionId, name !== 'hello')
  if (name === 'insert') return { n: Array.isArray(command.documents) ? command.documents.length : 1, ok: 1 }
  return { ok: 1 }
}

function frame (responseTo: number, opCode: number, prefix: number, body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + prefix + body.length)
  out.writeInt32LE(out.length, 0)
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4)
  out.writeInt32LE(responseTo, 8)
  out.writeInt32LE(opCode, 12)
  out.fill(0, HEADER_BYTES, HEADER_BYTES + prefix)
  if (opCode === OP_REPLY) out.writeInt32LE(1, HEADER_BYTES + 16)
  out.set(body, HEADER_BYTES + prefix)
  return out
}

// Only the kind-0 body is read; document sequences (the inserted documents) are skipped unparsed.
function reply (msg: Buffer, connectionId: number): Buffer | undefined {
  const requestId = msg.readInt32LE(4)
  const opCode = msg.readInt32LE(12)
  if (opCode === OP_QUERY) {
    const nsEnd = msg.indexOf(0, HEADER_BYTES + 4)
    const at = nsEnd + 1 + 8
    const query = deserialize(msg.subarray(at, at + msg.readInt32LE(at)))
    const command: Document = typeof query.$query === 'object' && query.$query !== null ? query.$query : query
    return frame(requestId, OP_REPLY, 20, serialize(answer(command, connectionId)))
  }
  if (opCode !== OP_MSG) throw new Error(`unsupported opCode ${opCode}`)
  const flags = msg.readUInt32LE(HEADER_BYTES)
  let at = HEADER_BYTES + 4
  let command: Document = {}
  while (at < msg.length - 4) {
    const kind = msg[at++]
    const size = msg.readInt32LE(at)
    if (kind === 0) command = deserialize(msg.subarray(at, at + size))
    at += size
  }
  if ((flags & FLAG_MORE_TO_COME) !== 0) return undefined
  return frame(requestId, OP_MSG, 5, serialize(answer(command, connectionId)))
}

function serve (socket: Socket): void {
  const connectionId = nextConnectionId++
  let pending: Buffer = Buffer.alloc(0)
  socket.setNoDelay(true)
  socket.on('error', () => socket.destroy())
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    try {
      while (pending.length >= 4) {
        const len = pending.readInt32LE(0)
        if (len < HEADER_BYTES || len > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${len}`)
        if (pending.length < len) break
        const out = reply(pending.subarray(0, len), connectionId)
        if (out !== undefined) socket.write(out)
        pending = pending.subarray(len)
      }
    } catch {
      socket.destroy()
    }
  })
}

export interface NullMongo { uri: string, close (): Promise<void> }

export function startNullMongo (port = 0, host = '127.0.0.1'): Promise<NullMongo> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    serve(socket)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const addr = server.address()
      const bound = typeof addr === 'object' && addr !== null ? addr.port : port
      resolve({
        uri: `mongodb://${host}:${bound}/`,
        close: () => new Promise((resolve) => {
          for (const socket of sockets) socket.destroy()
          server.close(() => resolve())
        })
      })
    })
  })
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startNullMongo().then((server) => {
    process.stdout.write(`null mongo listening on ${server.uri}\n`)
    const stop = (): void => { server.close().then(() => process.exit(0), () => process.exit(1)) }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  }, (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  })
}
