// The TCP listener: accepts connections and tracks them so close() can end every one.
import { createServer, type Server } from 'node:net'
import type { ServerState } from './commands/context.js'
import { Connection } from './connection.js'

export class WireServer {
  private readonly server: Server
  private readonly connections = new Set<Connection>()
  private nextId = 1

  constructor (private readonly state: ServerState) {
    state.connectionCount = () => this.connections.size
    this.server = createServer((socket) => {
      const conn: Connection = new Connection(socket, state, this.nextId++, () => this.connections.delete(conn))
      this.connections.add(conn)
    })
    this.server.on('error', (err) => state.logger.error(`embedded-mongo: listener error: ${err.message}`))
  }

  listen (port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err)
      this.server.once('error', onError)
      this.server.listen(port, host, () => {
        this.server.off('error', onError)
        const addr = this.server.address()
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port)
      })
    })
  }

  close (): Promise<void> {
    for (const c of [...this.connections]) c.close()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}
