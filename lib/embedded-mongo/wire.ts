// MongoDB wire protocol framing: the 16-byte header, OP_MSG (kind-0 body and kind-1 document
// sequences, moreToCome, optional CRC-32C checksum) and the legacy OP_QUERY/OP_REPLY pair the driver's
// first handshake uses. Parsing failures throw WireError; the connection that sent them is closed.
import { deserialize, serialize, type Document } from 'bson'
import { normalizeDoc, type Doc } from './bson-values.js'

export const OP_REPLY = 1
export const OP_QUERY = 2004
export const OP_MSG = 2013
export const HEADER_BYTES = 16
export const MAX_MESSAGE_BYTES = 48_000_000

const FLAG_CHECKSUM = 1
const FLAG_MORE_TO_COME = 2
const FLAG_EXHAUST_ALLOWED = 1 << 16
// Bits 0-15 are "required": a receiver must reject any it does not know.
const KNOWN_REQUIRED_FLAGS = FLAG_CHECKSUM | FLAG_MORE_TO_COME

export class WireError extends Error {}

export interface MsgRequest { kind: 'msg', requestId: number, body: Doc, moreToCome: boolean, exhaustAllowed: boolean }
export interface QueryRequest { kind: 'query', requestId: number, ns: string, body: Doc }
export type Request = MsgRequest | QueryRequest

// Reads the declared length of the message starting at `offset`, validating it against the limits.
export function messageLength (buf: Buffer, offset: number): number {
  const len = buf.readInt32LE(offset)
  if (len < HEADER_BYTES || len > MAX_MESSAGE_BYTES) {
    throw new WireError(`invalid message length ${len} (must be between ${HEADER_BYTES} and ${MAX_MESSAGE_BYTES})`)
  }
  return len
}

function readDocument (buf: Buffer, offset: number, end: number): { doc: Doc, next: number } {
  if (offset + 5 > end) throw new WireError('truncated BSON document')
  const size = buf.readInt32LE(offset)
  if (size < 5 || offset + size > end) throw new WireError(`invalid BSON document size ${size}`)
  let doc: Document
  try {
    doc = deserialize(buf.subarray(offset, offset + size), { promoteValues: false, bsonRegExp: true })
  } catch (err) {
    throw new WireError(`invalid BSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  return { doc: normalizeDoc(doc), next: offset + size }
}

function readCString (buf: Buffer, offset: number, end: number): { value: string, next: number } {
  const zero = buf.indexOf(0, offset)
  if (zero < 0 || zero >= end) throw new WireError('unterminated string')
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 }
}

function parseMsg (msg: Buffer, requestId: number): MsgRequest {
  if (msg.length < HEADER_BYTES + 5) throw new WireError('OP_MSG too short')
  const flags = msg.readUInt32LE(HEADER_BYTES)
  if ((flags & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) throw new WireError(`unsupported OP_MSG flag bits ${flags}`)
  const end = msg.length - ((flags & FLAG_CHECKSUM) !== 0 ? 4 : 0)
  let offset = HEADER_BYTES + 4
  let body: Doc | undefined
  const sequences: [string, Doc[]][] = []
  while (offset < end) {
    const kind = msg[offset++]
    if (kind === 0) {
      if (body !== undefined) throw new WireError('OP_MSG has more than one body section')
      const r = readDocument(msg, offset, end)
      body = r.doc
      offset = r.next
    } else if (kind === 1) {
      if (offset + 4 > end) throw new WireError('truncated document sequence')
      const size = msg.readInt32LE(offset)
      const seqEnd = offset + size
      if (size < 5 || seqEnd > end) throw new WireError(`invalid document sequence size ${size}`)
      const id = readCString(msg, offset + 4, seqEnd)
      let p = id.next
      const docs: Doc[] = []
      while (p < seqEnd) {
        const r = readDocument(msg, p, seqEnd)
        docs.push(r.doc)
        p = r.next
      }
      sequences.push([id.value, docs])
      offset = seqEnd
    } else {
      throw new WireError(`unknown OP_MSG section kind ${kind}`)
    }
  }
  if (body === undefined) throw new WireError('OP_MSG has no body section')
  for (const [id, docs] of sequences) {
    if (id in body) throw new WireError(`duplicate field '${id}' in OP_MSG body and document sequence`)
    body[id] = docs
  }
  return {
    kind: 'msg',
    requestId,
    body,
    moreToCome: (flags & FLAG_MORE_TO_COME) !== 0,
    exhaustAllowed: (flags & FLAG_EXHAUST_ALLOWED) !== 0
  }
}

function parseQuery (msg: Buffer, requestId: number): QueryRequest {
  let offset = HEADER_BYTES + 4
  const ns = readCString(msg, offset, msg.length)
  offset = ns.next + 8
  const { doc } = readDocument(msg, offset, msg.length)
  const body = doc.$query !== undefined && typeof doc.$query === 'object' && doc.$query !== null ? doc.$query as Doc : doc
  return { kind: 'query', requestId, ns: ns.value, body }
}

// `msg` is one complete message, header included.
export function parseMessage (msg: Buffer): Request {
  const requestId = msg.readInt32LE(4)
  const opCode = msg.readInt32LE(12)
  if (opCode === OP_MSG) return parseMsg(msg, requestId)
  if (opCode === OP_QUERY) return parseQuery(msg, requestId)
  throw new WireError(`unsupported opCode ${opCode}`)
}

let nextRequestId = 1

function writeHeader (out: Buffer, responseTo: number, opCode: number): void {
  out.writeInt32LE(out.length, 0)
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4)
  out.writeInt32LE(responseTo, 8)
  out.writeInt32LE(opCode, 12)
}

export function encodeMsg (responseTo: number, reply: Doc): Buffer {
  const body = serialize(reply, { ignoreUndefined: true })
  const out = Buffer.allocUnsafe(HEADER_BYTES + 5 + body.length)
  writeHeader(out, responseTo, OP_MSG)
  out.writeUInt32LE(0, HEADER_BYTES)
  out[HEADER_BYTES + 4] = 0
  out.set(body, HEADER_BYTES + 5)
  return out
}

export function encodeReply (responseTo: number, reply: Doc): Buffer {
  const body = serialize(reply, { ignoreUndefined: true })
  const out = Buffer.allocUnsafe(HEADER_BYTES + 20 + body.length)
  writeHeader(out, responseTo, OP_REPLY)
  out.writeInt32LE(0, HEADER_BYTES)
  out.writeBigInt64LE(0n, HEADER_BYTES + 4)
  out.writeInt32LE(0, HEADER_BYTES + 12)
  out.writeInt32LE(1, HEADER_BYTES + 16)
  out.set(body, HEADER_BYTES + 20)
  return out
}
