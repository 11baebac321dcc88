import { test } from 'tap'
import { formatStatus } from '../../../lib/migrations/format-status.js'
import type { MigrationStatus } from '../../../lib/migrations/runner.js'
import { migrations } from '../../../lib/migrations/index.js'

const appliedAt = new Date('2025-03-01T10:00:00Z')

test('lists migrations and, per collection, each index with keys and options', async (t) => {
  const status: MigrationStatus = {
    applied: [{ id: '001-initial-indexes', description: 'initial', appliedAt }],
    pending: [],
    inProgress: [],
    unknown: [],
    collections: [
      { name: 'conversations', indexes: [{ name: '_id_', key: { _id: 1 }, options: {} }, { name: 'conversations_owner_updated', key: { ownerId: 1, updatedAt: -1, _id: -1 }, options: {} }] },
      { name: 'sessions', indexes: [{ name: 'sessions_expires_ttl', key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } }] },
      { name: 'messages', indexes: [{ name: 'messages_conversation_seq', key: { conversationId: 1, seq: 1 }, options: { unique: true, partialFilterExpression: { seq: { $gt: 0 } } } }] }
    ]
  }
  const text = formatStatus(status, { persistent: true })
  t.match(text, 'Migrations: 1 applied, 0 pending')
  t.match(text, /applied\s+001-initial-indexes\s+2025-03-01T10:00:00.000Z\s+initial/)
  t.match(text, /conversations\s+conversations_owner_updated\s+\{ ownerId: 1, updatedAt: -1, _id: -1 \}/)
  t.match(text, /sessions\s+sessions_expires_ttl\s+\{ expiresAt: 1 \}\s+ttl 0s/)
  t.match(text, /messages\s+messages_conversation_seq\s+\{ conversationId: 1, seq: 1 \}\s+unique, partialFilterExpression=\{"seq":\{"\$gt":0\}\}/)
  t.notMatch(text, 'would create')
})

test('an empty in-memory database says so and shows what up would create', async (t) => {
  const status: MigrationStatus = {
    applied: [],
    pending: migrations.map((m) => ({ id: m.id, description: m.description, indexes: m.indexes ?? [] })),
    inProgress: [],
    unknown: [],
    collections: []
  }
  const text = formatStatus(status, { persistent: false })
  t.match(text, 'Migrations: 0 applied, 3 pending')
  t.match(text, /pending\s+002-default-prompt/)
  t.match(text, /pending\s+001-initial-indexes/)
  t.match(text, 'Indexes: none, the in-memory database is empty')
  t.match(text, 'Indexes `acai migrate up` would create')
  t.match(text, /api_keys\s+api_keys_hash\s+\{ hash: 1 \}\s+unique/)
  t.match(text, /idempotency\s+idempotency_expires_ttl\s+\{ expiresAt: 1 \}\s+ttl 0s/)
  t.match(formatStatus(status, { persistent: true }), 'the database has no collections yet')
})

test('claims in progress and migrations unknown to this version are flagged', async (t) => {
  const status: MigrationStatus = {
    applied: [{ id: '009-future', description: 'future', appliedAt }],
    pending: [{ id: '001-initial-indexes', description: 'initial', indexes: [] }],
    inProgress: [{ id: '001-initial-indexes', state: 'applying', startedAt: appliedAt }],
    unknown: ['009-future'],
    collections: []
  }
  const text = formatStatus(status, { persistent: true })
  t.match(text, /applying\s+001-initial-indexes/)
  t.notMatch(text, /pending\s+001-initial-indexes/)
  t.match(text, 'future (unknown to this version)')
})
