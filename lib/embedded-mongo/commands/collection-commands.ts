// create, drop, renameCollection, listCollections, dropDatabase, listDatabases, dbStats, collStats.
import { calculateObjectSize } from 'bson'
import { isDocument, type Doc } from '../bson-values.js'
import type { Collection } from '../collection.js'
import { fail, notImplemented } from '../errors.js'
import { compileFilter } from '../matcher.js'
import { checkCollectionName, checkDbName } from '../namespaces.js'
import { collectionArg, flag } from './args.js'
import type { CommandContext } from './context.js'
import { arraySource } from './find.js'

const UNSUPPORTED_CREATE: Record<string, string> = {
  capped: 'capped collections',
  size: 'capped collections',
  max: 'capped collections',
  timeseries: 'time series collections',
  expireAfterSeconds: 'time series collections',
  validator: 'document validation (validator)',
  validationLevel: 'document validation (validationLevel)',
  validationAction: 'document validation (validationAction)',
  viewOn: 'views',
  pipeline: 'views',
  collation: 'collation',
  clusteredIndex: 'clustered collections',
  changeStreamPreAndPostImages: 'change streams',
  encryptedFields: 'queryable encryption',
  storageEngine: 'storage engine options',
  indexOptionDefaults: 'indexOptionDefaults'
}
const IGNORED_FIELDS = new Set(['create', 'writeConcern', 'lsid', '$db', '$readPreference', 'comment', 'maxTimeMS', 'autoIndexId', 'flags', 'apiVersion', 'apiStrict', 'apiDeprecationErrors'])

export function createCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const existing = ctx.server.storage.collection(ctx.db, name)
  if (existing !== undefined) {
    const requested = Object.keys(ctx.body).filter((k) => !IGNORED_FIELDS.has(k))
    // MongoDB 7 answers ok when the collection already exists with the same options.
    if (requested.length === 0 && Object.keys(existing.options).length === 0) return { ok: 1 }
    fail('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`)
  }
  for (const [k, v] of Object.entries(ctx.body)) {
    if (IGNORED_FIELDS.has(k)) continue
    const feature = UNSUPPORTED_CREATE[k]
    if (feature !== undefined) {
      if (k === 'capped' && !flag(v)) continue
      notImplemented(feature)
    }
    fail('Location40415', `BSON field 'create.${k}' is an unknown field.`)
  }
  ctx.server.storage.createCollection(ctx.db, name, {}, ctx.log)
  return { ok: 1 }
}

export function dropCommand (ctx: CommandContext): Doc {
  const name = collectionArg(ctx)
  const ns = `${ctx.db}.${name}`
  const coll = ctx.server.storage.collection(ctx.db, name)
  if (coll === undefined) return { ok: 1 }
  const nIndexesWas = coll.indexes.length
  ctx.server.storage.dropCollection(ctx.db, name, ctx.log)
  return { nIndexesWas, ns, ok: 1 }
}

export function renameCollectionCommand (ctx: CommandContext): Doc {
  if (ctx.db !== 'admin') fail('Unauthorized', 'renameCollection may only be run against the admin database.')
  const from = ctx.body.renameCollection
  const to = ctx.body.to
  if (typeof from !== 'string' || typeof to !== 'string') fail('TypeMismatch', "BSON field 'renameCollection.to' is missing but a required field")
  const [fromDb, ...fromRest] = from.split('.')
  const [toDb, ...toRest] = to.split('.')
  const fromName = checkCollectionName(checkDbName(fromDb), fromRest.join('.'))
  const toName = checkCollectionName(checkDbName(toDb), toRest.join('.'))
  const storage = ctx.server.storage
  const source = storage.collection(fromDb, fromName)
  if (source === undefined) fail('NamespaceNotFound', 'Source collection ' + from + ' does not exist')
  if (from === to) fail('IllegalOperation', "Can't rename a collection to itself")
  if (storage.collection(toDb, toName) !== undefined) {
    if (!flag(ctx.body.dropTarget)) fail('NamespaceExists', 'target namespace exists')
    storage.dropCollection(toDb, toName, ctx.log)
  }
  storage.renameCollection(source, toDb, toName, ctx.log)
  return { ok: 1 }
}

function collectionInfo (coll: Collection): Doc {
  return {
    name: coll.name,
    type: 'collection',
    options: { ...coll.options },
    info: { readOnly: false, uuid: coll.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' }
  }
}

export function listCollectionsCommand (ctx: CommandContext): Doc {
  const filter = ctx.body.filter
  if (filter !== undefined && filter !== null && !isDocument(filter)) fail('TypeMismatch', "BSON field 'listCollections.filter' is the wrong type, expected type 'object'")
  const predicate = compileFilter(filter ?? {})
  const nameOnly = flag(ctx.body.nameOnly)
  const docs: Doc[] = []
  for (const coll of ctx.server.storage.collections(ctx.db)) {
    const info = collectionInfo(coll)
    if (!predicate(info)) continue
    docs.push(nameOnly ? { name: info.name, type: info.type } : info)
  }
  const ns = `${ctx.db}.$cmd.listCollections`
  const cursor = isDocument(ctx.body.cursor) ? ctx.body.cursor : {}
  const batchSize = typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined
  const { id, docs: firstBatch } = ctx.server.cursors.open(arraySource(ns, docs), batchSize, false)
  return { cursor: { id, ns, firstBatch }, ok: 1 }
}

export function dropDatabaseCommand (ctx: CommandContext): Doc {
  ctx.server.storage.dropDatabase(ctx.db, ctx.log)
  return { dropped: ctx.db, ok: 1 }
}

function dataSize (colls: Collection[]): { objects: number, dataSize: number, indexes: number } {
  let objects = 0
  let size = 0
  let indexes = 0
  for (const c of colls) {
    objects += c.size
    indexes += c.indexes.length
    for (const d of c.docs.values()) size += calculateObjectSize(d)
  }
  return { objects, dataSize: size, indexes }
}

export function listDatabasesCommand (ctx: CommandContext): Doc {
  if (ctx.db !== 'admin') fail('Unauthorized', 'listDatabases may only be run against the admin database.')
  const nameOnly = flag(ctx.body.nameOnly)
  const filter = isDocument(ctx.body.filter) ? ctx.body.filter : {}
  const predicate = compileFilter(filter)
  const databases: Doc[] = []
  let totalSize = 0
  for (const [name, colls] of ctx.server.storage.dbs) {
    const size = nameOnly ? 0 : dataSize([...colls.values()]).dataSize
    const entry: Doc = nameOnly ? { name } : { name, sizeOnDisk: size, empty: colls.size === 0 }
    if (!predicate(entry)) continue
    totalSize += size
    databases.push(entry)
  }
  databases.sort((a, b) => String(a.name).localeCompare(String(b.name)))
  return nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 }
}

export function dbStatsCommand (ctx: CommandContext): Doc {
  const colls = ctx.server.storage.collections(ctx.db)
  const s = dataSize(colls)
  return {
    db: ctx.db,
    collections: colls.length,
    views: 0,
    objects: s.objects,
    avgObjSize: s.objects === 0 ? 0 : s.dataSize / s.objects,
    dataSize: s.dataSize,
    storageSize: s.dataSize,
    indexes: s.indexes,
    indexSize: 0,
    totalSize: s.dataSize,
    scaleFactor: 1,
    fsUsedSize: 0,
    fsTotalSize: 0,
    ok: 1
  }
}

export function collStatsCommand (ctx: CommandContext): Doc {
  const name = checkCollectionName(ctx.db, ctx.body.collStats)
  const coll = ctx.server.storage.collection(ctx.db, name)
  if (coll === undefined) fail('NamespaceNotFound', `Collection [${ctx.db}.${name}] not found.`)
  const s = dataSize([coll])
  return {
    ns: coll.ns,
    count: s.objects,
    size: s.dataSize,
    avgObjSize: s.objects === 0 ? 0 : Math.floor(s.dataSize / s.objects),
    storageSize: s.dataSize,
    nindexes: coll.indexes.length,
    totalIndexSize: 0,
    indexSizes: Object.fromEntries(coll.indexes.map((i) => [i.name, 0])),
    capped: false,
    ok: 1
  }
}
