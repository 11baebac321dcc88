// The data layer of conversations (DESIGN.md section 4): stores over the driver's Db, every query scoped
// to the owner (the API key id). No HTTP here; lib/chat orchestrates these with the assistant.
export * from './types.js'
export { parseObjectId } from './object-id.js'
export { encodeListCursor, decodeListCursor, type ListPosition } from './list-cursor.js'
export { createConversationStore, DEFAULT_PLATFORM, type ConversationStore, type ListPage } from './conversation-store.js'
export { createMessageStore, type MessageStore, type MessagePage, type AppendInput, type Appended, type HistoryDoc } from './message-store.js'
export { createSessionStore, sessionKey, type SessionStore, type SessionAddress, type SessionStoreOptions } from './session-store.js'
export { createIdempotencyStore, idempotencyRecordId, IDEMPOTENCY_RETENTION_MS, type IdempotencyStore, type ClaimResult } from './idempotency-store.js'
export { createPromptStore, DEFAULT_PROMPT_PLATFORM, type PromptDoc, type PromptStore, type PromptStoreOptions } from './prompt-store.js'
export { createUsageStore, usageCollection, utcDay, type UsageDay, type UsageDoc, type UsageStore } from './usage-store.js'
