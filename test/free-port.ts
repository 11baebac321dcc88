import { createServer, type AddressInfo } from 'node:net'

// A loopback port nothing listens on right now: the OS picked it free, then it was released. Connections to
// it are refused at once until a test starts a server there.
export async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Starts `server` (a net or http server) on a loopback port the OS picks and resolves to that port. */
export async function listenOnLoopback (server: { listen: (port: number, host: string) => unknown, once: (event: 'listening', listener: () => void) => unknown, address: () => string | AddressInfo | null }): Promise<number> {
  await new Promise<void>((resolve) => { server.once('listening', resolve); server.listen(0, '127.0.0.1') })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
