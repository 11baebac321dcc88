import type { EventEmitter } from 'node:events'

// Connections of the driver's pools, from its connection-pool (CMAP) events, for the checklist's
// "MongoDB connections" alert: `open` is what this instance holds on the server (the driver's
// maxPoolSize, 100 by default, is the ceiling), `checked_out` what requests are using now. The listeners
// must be attached before the client connects: connect() and the first commands open connections.

export interface PoolConnectionsGauge {
  inc (labels: { state: 'open' | 'checked_out' }): void
  dec (labels: { state: 'open' | 'checked_out' }): void
  set (labels: { state: 'open' | 'checked_out' }, value: number): void
}

/** Keeps `gauge` up to date from `client`'s pool events (a MongoClient, or any emitter of them). */
export function trackPoolConnections (client: Pick<EventEmitter, 'on'>, gauge: PoolConnectionsGauge): void {
  // Both series exist from the start, so a dashboard and an alert see 0 rather than nothing.
  gauge.set({ state: 'open' }, 0)
  gauge.set({ state: 'checked_out' }, 0)
  client.on('connectionCreated', () => gauge.inc({ state: 'open' }))
  client.on('connectionClosed', () => gauge.dec({ state: 'open' }))
  client.on('connectionCheckedOut', () => gauge.inc({ state: 'checked_out' }))
  client.on('connectionCheckedIn', () => gauge.dec({ state: 'checked_out' }))
}
