// One client socket: reassembles frames, runs their commands strictly in arrival order (a command whose
// writes must reach the journal holds the queue until they are durable), and writes replies. Any
// framing or BSON error closes this socket only, with a log line.
import type { Socket } from 'node:net'
import type { Doc } from './bson-values.js'
import { commandName, runCommand } from './commands/index.js'
import type { CommandContext, ConnectionState, ServerState } from './commands/context.js'
import { MongoServerError } from './errors.js'
import { encodeMsg, encodeReply, messageLength, parseMessage, type Request } from './wire.js'

export class Connection {
  readonly state: ConnectionState
  private leftover: Buffer | undefined
  private partial: Buffer | undefined
  private filled = 0
  private readonly queue: Buffer[] = []
  private busy = false
  private closed = false

  constructor (private readonly socket: Socket, private readonly server: ServerState, id: number, private readonly onClose: () => void) {
    this.state = { id, remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`, user: undefined, scram: undefined }
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('error', () => this.close())
    socket.on('close', () => this.close())
  }

  close (): void {
    if (this.closed) return
    this.closed = true
    this.queue.length = 0
    this.socket.destroy()
    this.onClose()
  }

  private abort (reason: string): void {
    if (this.closed) return
    this.server.logger.warn(`embedded-mongo: closing connection ${this.state.id} from ${this.state.remote}: ${reason}`)
    this.close()
  }

  private onData (chunk: Buffer): void {
    if (this.closed) return
    const data = this.leftover === undefined ? chunk : Buffer.concat([this.leftover, chunk])
    this.leftover = undefined
    let off = 0
    try {
      while (off < data.length) {
        if (this.partial !== undefined) {
          const n = Math.min(this.partial.length - this.filled, data.length - off)
          data.copy(this.partial, this.filled, off, off + n)
          this.filled += n
          off += n
          if (this.filled === this.partial.length) {
            this.queue.push(this.partial)
            this.partial = undefined
          }
          continue
        }
        if (data.length - off < 4) {
          this.leftover = Buffer.from(data.subarray(off))
          break
        }
        const len = messageLength(data, off)
        if (data.length - off >= len) {
          this.queue.push(data.subarray(off, off + len))
          off += len
          continue
        }
        this.partial = Buffer.allocUnsafe(len)
        this.filled = 0
      }
    } catch (err) {
      this.abort(err instanceof Error ? err.message : String(err))
      return
    }
    this.pump()
  }

  private pump (): void {
    while (!this.busy && !this.closed && this.queue.length > 0) {
      const msg = this.queue.shift() as Buffer
      let req: Request
      try {
        req = parseMessage(msg)
      } catch (err) {
        this.abort(err instanceof Error ? err.message : String(err))
        return
      }
      let out: Buffer | undefined | Promise<Buffer | undefined>
      try {
        out = this.execute(req)
      } catch (err) {
        out = this.internalError(req, err)
      }
      if (out instanceof Promise) {
        this.busy = true
        out.catch((err: unknown) => this.internalError(req, err)).then((buf) => {
          this.busy = false
          this.send(buf)
          this.pump()
        }).catch((err: unknown) => this.abort(`internal error: ${String(err)}`))
        return
      }
      this.send(out)
    }
  }

  // A reply that cannot be built (a bug) still answers the request instead of taking the process down.
  private internalError (req: Request, err: unknown): Buffer | undefined {
    this.server.logger.error(`embedded-mongo: internal error on connection ${this.state.id}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`)
    return this.encode(req, new MongoServerError('InternalError', `internal error: ${err instanceof Error ? err.message : String(err)}`).toReply())
  }

  private send (buf: Buffer | undefined): void {
    if (buf !== undefined && !this.closed) this.socket.write(buf)
  }

  private execute (req: Request): Buffer | undefined | Promise<Buffer | undefined> {
    let db: string
    if (req.kind === 'query') {
      const dot = req.ns.indexOf('.')
      if (dot < 0 || req.ns.slice(dot + 1) !== '$cmd') {
        return encodeReply(req.requestId, { $err: 'OP_QUERY is no longer supported except for commands', code: 5739101, ok: 0 })
      }
      db = req.ns.slice(0, dot)
    } else {
      const dbField = req.body.$db
      if (typeof dbField !== 'string') {
        return this.encode(req, new MongoServerError('Location40571', 'OP_MSG requests require a $db argument').toReply())
      }
      db = dbField
    }
    const name = commandName(req.body) ?? ''
    const ctx: CommandContext = { server: this.server, conn: this.state, db, name, body: req.body, log: [] }
    const reply = runCommand(ctx)
    if (reply.code === 1) this.server.logger.error(`embedded-mongo: internal error in '${name}': ${String(reply.errmsg)}`)
    // In memory there is nothing to wait for; replying synchronously spares a promise chain per command.
    if (ctx.log.length === 0 || !this.server.storage.journaled) return this.encode(req, reply)
    return this.server.storage.commit(ctx.log).then(
      () => this.encode(req, reply),
      (err: unknown) => {
        this.server.logger.error(`embedded-mongo: journal write failed: ${String(err)}`)
        return this.encode(req, new MongoServerError('InternalError', `journal write failed: ${String(err)}`).toReply())
      }
    )
  }

  private encode (req: Request, reply: Doc): Buffer | undefined {
    if (req.kind === 'query') return encodeReply(req.requestId, reply)
    if (req.moreToCome) return undefined
    return encodeMsg(req.requestId, reply)
  }
}
