import { ObjectId } from 'mongodb'

const HEX_ID = /^[0-9a-f]{24}$/

/** The ObjectId for a 24-hex id, or undefined for anything else (callers answer "not found"). */
export function parseObjectId (id: string): ObjectId | undefined {
  return HEX_ID.test(id) ? ObjectId.createFromHexString(id) : undefined
}
