import { createPlannedIndexes, dropPlannedIndexes } from './indexes.js'
import type { IndexPlan, Migration } from './types.js'

// The indexes of DESIGN.md section 4. Names are fixed so later migrations can refer to them.
const indexes: readonly IndexPlan[] = [
  { collection: 'conversations', name: 'conversations_owner_updated', key: { ownerId: 1, updatedAt: -1, _id: -1 } },
  { collection: 'messages', name: 'messages_conversation_seq', key: { conversationId: 1, seq: 1 }, options: { unique: true } },
  { collection: 'sessions', name: 'sessions_expires_ttl', key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
  { collection: 'idempotency', name: 'idempotency_expires_ttl', key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
  { collection: 'api_keys', name: 'api_keys_hash', key: { hash: 1 }, options: { unique: true } },
  { collection: 'prompts', name: 'prompts_platform_version', key: { platform: 1, version: 1 }, options: { unique: true } }
]

export const initialIndexes: Migration = {
  id: '001-initial-indexes',
  description: 'indexes for conversations, messages, sessions, idempotency, api_keys and prompts',
  indexes,
  up: (db) => createPlannedIndexes(db, indexes),
  down: (db) => dropPlannedIndexes(db, indexes)
}
