// mongodump's `<collection>.bson`: BSON documents laid end to end, each starting with its int32 length and
// ending with a zero byte. Read as a stream, so a backup larger than memory restores all the same.
import { createReadStream } from 'node:fs'

export class CorruptBackupError extends Error {
  override name = 'CorruptBackupError'
}

// The smallest BSON document is `{}`: 4 length bytes and the terminating zero.
const MIN_DOCUMENT = 5
// MongoDB's document limit (16 MiB) plus its own headroom: anything larger is a corrupt length prefix.
const MAX_DOCUMENT = 16 * 1024 * 1024 + 16 * 1024

/** Yields each document's bytes, in file order; throws CorruptBackupError on a malformed file. */
export async function * bsonDocuments (path: string): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0)
  let offset = 0
  for await (const chunk of createReadStream(path)) {
    pending = pending.length === 0 ? chunk as Buffer : Buffer.concat([pending, chunk as Buffer])
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0)
      if (length < MIN_DOCUMENT || length > MAX_DOCUMENT) {
        throw new CorruptBackupError(`${path}: invalid document length ${length} at byte ${offset}`)
      }
      if (pending.length < length) break
      const document = pending.subarray(0, length)
      if (document[length - 1] !== 0) throw new CorruptBackupError(`${path}: document at byte ${offset} is not terminated`)
      yield document
      pending = pending.subarray(length)
      offset += length
    }
  }
  if (pending.length > 0) throw new CorruptBackupError(`${path}: ${pending.length} trailing bytes after the last document (truncated file?)`)
}
