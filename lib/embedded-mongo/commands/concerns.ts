// Read and write concerns. One node that applies each command before it replies (and, with a data
// directory, journals it first) already gives what local, available, majority and linearizable reads
// and w: 0, 1 or "majority" writes ask for. What needs other members or a history of versions (w above
// 1, replica-set tags, snapshot and point-in-time reads) is refused rather than acknowledged unmet.
import { isDocument, numType, toNumber, type Doc } from '../bson-values.js'
import { notImplemented } from '../errors.js'

const POINT_IN_TIME = ['atClusterTime', 'afterClusterTime', 'afterOpTime']

export function checkConcerns (body: Doc): void {
  const wc = body.writeConcern
  if (isDocument(wc)) {
    const w = wc.w
    if (typeof w === 'string' && w !== 'majority') notImplemented(`write concern w: '${w}' (replica-set tags)`)
    if (numType(w) !== undefined && toNumber(w) > 1) notImplemented(`write concern w: ${toNumber(w)} (replica sets)`)
  }
  const rc = body.readConcern
  if (isDocument(rc)) {
    if (rc.level === 'snapshot') notImplemented("read concern level 'snapshot'")
    for (const k of POINT_IN_TIME) {
      if (rc[k] !== undefined) notImplemented(`read concern ${k}`)
    }
  }
}
