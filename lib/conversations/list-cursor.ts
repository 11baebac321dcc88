import { ObjectId } from 'mongodb'
import { parseObjectId } from './object-id.js'

export interface ListPosition { updatedAt: Date, id: ObjectId }

// The list cursor is the sort key of the last item returned ({updatedAt, _id}), so a page continues strictly
// after it whatever was inserted meanwhile. Opaque to clients: base64url of "millis.hexid".
export function encodeListCursor (position: ListPosition): string {
  return Buffer.from(`${position.updatedAt.getTime()}.${position.id.toHexString()}`, 'utf8').toString('base64url')
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeListCursor (cursor: string): ListPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (match === null) return undefined
  const id = parseObjectId(match[2] ?? '')
  const updatedAt = new Date(Number(match[1]))
  if (id === undefined || Number.isNaN(updatedAt.getTime())) return undefined
  return { updatedAt, id }
}
