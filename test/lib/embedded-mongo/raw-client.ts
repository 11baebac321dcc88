// A bare-socket MongoDB client for wire-level tests: sends hand-built frames and reads whole replies.
import { connect, type Socket } from 'node:net'
import { deserialize, serialize, type Document } from 'bson'

export interface RawReply { responseTo: number, opCode: number, doc: Document }

export class RawClient {
  private buffer = Buffer.alloc(0)
  private readonly waiters: (() => void)[] = []
  closed = false
  private nextId = 1

  private constructor (readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.wake()
    })
    socket.on('close', () => {
      this.closed = true
      this.wake()
    })
    socket.on('error', () => undefined)
  }

  static async open (port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('error', reject)
    })
    return new RawClient(socket)
  }

  private wake (): void {
    for (const w of this.waiters.splice(0)) w()
  }

  send (frame: Buffer): void {
    this.socket.write(frame)
  }

  msgFrame (body: Document, opts: { flags?: number, sequences?: [string, Document[]][], requestId?: number, checksum?: boolean } = {}): Buffer {
    const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))]
    for (const [id, docs] of opts.sequences ?? []) {
      const payload = Buffer.concat([Buffer.from(id + '\0'), ...docs.map((d) => serialize(d))])
      const size = Buffer.alloc(4)
      size.writeInt32LE(payload.length + 4)
      parts.push(Buffer.from([1]), size, payload)
    }
    const flags = (opts.flags ?? 0) | (opts.checksum === true ? 1 : 0)
    const sections = Buffer.concat(parts)
    const total = 16 + 4 + sections.length + (opts.checksum === true ? 4 : 0)
    const frame = Buffer.alloc(total)
    frame.writeInt32LE(total, 0)
    frame.writeInt32LE(opts.requestId ?? this.nextId++, 4)
    frame.writeInt32LE(0, 8)
    frame.writeInt32LE(2013, 12)
    frame.writeUInt32LE(flags, 16)
    sections.copy(frame, 20)
    return frame
  }

  queryFrame (ns: string, query: Document, requestId = this.nextId++): Buffer {
    const nsBuf = Buffer.from(ns + '\0')
    const q = Buffer.from(serialize(query))
    const frame = Buffer.alloc(16 + 4 + nsBuf.length + 8 + q.length)
    frame.writeInt32LE(frame.length, 0)
    frame.writeInt32LE(requestId, 4)
    frame.writeInt32LE(2004, 12)
    nsBuf.copy(frame, 20)
    frame.writeInt32LE(0, 20 + nsBuf.length)
    frame.writeInt32LE(-1, 24 + nsBuf.length)
    q.copy(frame, 28 + nsBuf.length)
    return frame
  }

  // Resolves with the next complete reply, or undefined if the server closed the socket first or
  // nothing arrived within `timeoutMs`.
  async next (timeoutMs = 2000): Promise<RawReply | undefined> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (this.buffer.length >= 16) {
        const len = this.buffer.readInt32LE(0)
        if (this.buffer.length >= len) {
          const frame = this.buffer.subarray(0, len)
          this.buffer = this.buffer.subarray(len)
          const opCode = frame.readInt32LE(12)
          const docStart = opCode === 1 ? 36 : 21
          return { responseTo: frame.readInt32LE(8), opCode, doc: deserialize(frame.subarray(docStart)) }
        }
      }
      if (this.closed) return undefined
      const left = deadline - Date.now()
      if (left <= 0) return undefined
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  async command (body: Document): Promise<Document | undefined> {
    this.send(this.msgFrame(body))
    return (await this.next())?.doc
  }

  async waitClosed (timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
    return this.closed
  }

  close (): void {
    this.socket.destroy()
  }
}
