// The chat service: conversations, messages, sessions and idempotency (lib/conversations) orchestrated
// with the assistant. Framework-free; the REST routes (routes/v1) and the Twirp compatibility routes
// are thin adapters over it. Every method takes the owner (the API key id) first: another owner's
// conversation is "not found" (NotFoundError), never forbidden.
//
//   const { service, idempotency } = createChat({ db, engine, titles, sessionTtlMs, kv })
//
//   service.start(ownerId, { message, metadata? }, opts?)        -> TurnResult (new conversation, titled)
//   service.post(ownerId, conversationId, { message }, opts?)     -> TurnResult
//   service.session(ownerId, { platform, chatId, userId?, message }, opts?) -> SessionTurnResult (+ started)
//   service.endSession(ownerId, platform, chatId)                -> void
//   service.replyPending(ownerId, conversationId, opts?)         -> TurnResult (409 ConflictError if none)
//   service.list(ownerId, { limit, cursor? })                    -> { items, nextCursor } newest activity first
//   service.describe(ownerId, conversationId, { messagesLimit, before? }) -> { conversation, messages, nextBefore }
//   service.rename(ownerId, conversationId, title)               -> ConversationView
//   service.remove(ownerId, conversationId)                      -> void (messages removed too)
//
// TurnResult = { conversation: ConversationView, message: MessageView (the user's), reply: MessageView }.
// opts (TurnOptions): `signal` aborts the model call; `onEvent` receives delta/tool events (streaming);
// `onStored`/`resume` let an idempotent retry answer the already stored message instead of re-posting.
// The user message is stored before the assistant runs; when the assistant fails the call rejects with
// AssistantUnavailableError (503 + Retry-After, carries conversationId) and the message stays stored.
// Malformed ids are "not found". Views carry ISO 8601 UTC strings.
//
//   idempotency.run({ ownerId, key, requestHash }, (ctx) => execute(ctx)) runs once per key; see idempotency.ts.
export { createChat, type Chat, type ChatOptions } from './create-chat.js'
export {
  createChatService,
  toTurnProgress,
  type ChatService,
  type ChatServiceDeps,
  type ConversationPage,
  type ConversationWithMessages,
  type SessionInput,
  type SessionTurnResult,
  type TurnOptions,
  type TurnProgress,
  type TurnResult
} from './chat-service.js'
export { createIdempotencyRunner, requestHash, type AttemptContext, type IdempotencyRunner, type IdempotentRequest, type Outcome } from './idempotency.js'
export { disconnectSignal, type DisconnectSignal } from './disconnect.js'
export { conversationView, messageView, type ConversationView, type MessageView } from './views.js'
export type { AssistantOverrides } from './assistant-overrides.js'
export type { AssistantEvent, ChatLogger, EventSink, HistoryMessage, ReplyEngine, ReplyRequest, StoreFailureOperation, StoreFailureReporter, SummaryFold, TitleMaker } from './ports.js'
export { createBackgroundRetry, type BackgroundRetry } from './background-retry.js'
export { createSummaryWriter, foldBoundary, type FoldRequest, type SummaryWriter, type SummaryWriterDeps } from './summaries.js'
