import { BadRequestError, ConflictError, NotFoundError } from '../errors/catalogue.js'
import {
  parseObjectId,
  type ConversationDoc,
  type ConversationMetadata,
  type ConversationStore,
  type MessageDoc,
  type AppendInput,
  type MessageStore,
  type Now,
  type SessionStore,
  type UsageStore
} from '../conversations/index.js'
import { replyTurn } from './reply-turn.js'
import { conversationView, messageView, type ConversationView, type MessageView } from './views.js'
import type { BackgroundRetry } from './background-retry.js'
import type { SummaryWriter } from './summaries.js'
import type { ChatLogger, EventSink, ReplyEngine, TitleMaker } from './ports.js'

export interface ChatServiceDeps {
  conversations: ConversationStore
  messages: MessageStore
  sessions: SessionStore
  engine: ReplyEngine
  titles: TitleMaker
  now: Now
  /** Finishes storage writes that failed after the answer stopped depending on them (claim releases). */
  background: BackgroundRetry
  usage: UsageStore
  summaries: SummaryWriter
  /** Stored messages offered to the engine per reply (it trims them to MAX_CONTEXT_TOKENS). Default 50. */
  historyLimit?: number
  /** After this long a reply claim is presumed dead (its request crashed) and POST .../reply may retry. */
  replyClaimMs?: number
  log?: ChatLogger
  /** LOG_CONTENT: log each turn's message and reply. Off by default: content never reaches a log. */
  logContent?: boolean
}

/** What a turn left behind before the assistant ran: enough for a retry to answer instead of re-posting. */
export interface TurnProgress { conversationId: string, userSeq: number, started?: boolean }

export interface TurnOptions {
  /** Aborts the model call (client disconnect). */
  signal?: AbortSignal
  /** Receives delta and tool events while the reply is produced. */
  onEvent?: EventSink
  /** Progress of an earlier failed attempt of the same idempotent request: answer that message. */
  resume?: TurnProgress
  /** Called once the user message is stored, before the assistant runs. */
  onStored?: (progress: TurnProgress) => Promise<void>
}

export interface TurnResult { conversation: ConversationView, message: MessageView, reply: MessageView }
export interface SessionTurnResult extends TurnResult { started: boolean }
export interface SessionInput { platform: string, chatId: string, userId?: string, message: string }
export interface ConversationPage { items: ConversationView[], nextCursor: string | null }
export interface ConversationWithMessages { conversation: ConversationView, messages: MessageView[], nextBefore: number | null }

export type ChatService = ReturnType<typeof createChatService>

/** Reads back the progress a failed attempt saved (it went through the idempotency store). */
export function toTurnProgress (value: unknown): TurnProgress | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const conversationId: unknown = Reflect.get(value, 'conversationId')
  const userSeq: unknown = Reflect.get(value, 'userSeq')
  const started: unknown = Reflect.get(value, 'started')
  if (typeof conversationId !== 'string' || typeof userSeq !== 'number' || !Number.isInteger(userSeq)) return undefined
  return typeof started === 'boolean' ? { conversationId, userSeq, started } : { conversationId, userSeq }
}

const NOT_FOUND = 'Conversation'

export function createChatService (deps: ChatServiceDeps) {
  const { conversations, messages, sessions, now } = deps
  const historyLimit = deps.historyLimit ?? 50
  const replyClaimMs = deps.replyClaimMs ?? 150_000
  const turnDeps = {
    messages,
    engine: deps.engine,
    historyLimit,
    background: deps.background,
    usage: deps.usage,
    summaries: deps.summaries,
    now,
    ...(deps.log === undefined ? {} : { log: deps.log })
  }
  const { countTokens } = deps.engine

  // A user message whose reply is produced right away claims it, and carries its token count.
  function userMessageInput (content: string): AppendInput {
    return countTokens === undefined ? { role: 'user', content, claimReply: true } : { role: 'user', content, claimReply: true, tokens: countTokens(content) }
  }

  async function ownConversation (ownerId: string, id: string): Promise<ConversationDoc> {
    const oid = parseObjectId(id)
    const conversation = oid === undefined ? undefined : await conversations.get(ownerId, oid)
    if (conversation === undefined) throw new NotFoundError(NOT_FOUND)
    return conversation
  }

  async function title (message: string, signal: AbortSignal): Promise<string> {
    try {
      return await deps.titles(message, signal)
    } catch (err) {
      // An untitled conversation is retitled by its next turn; the reply matters more than the title.
      deps.log?.warn({ err }, 'title generation failed')
      return ''
    }
  }

  // Answers a stored user message; an untitled conversation gets its title in parallel with the reply.
  // `existing`: the reply a resumed turn already has (it is returned, not produced again).
  async function answer (ownerId: string, conversation: ConversationDoc, userMessage: MessageDoc, opts: TurnOptions, existing?: MessageDoc): Promise<TurnResult> {
    const signal = opts.signal ?? new AbortController().signal
    const [titled, replied] = await Promise.allSettled([
      conversation.title === '' ? title(userMessage.content, signal) : Promise.resolve(''),
      existing === undefined
        ? replyTurn(turnDeps, { ownerId, conversation, userMessage, signal, ...(opts.onEvent === undefined ? {} : { onEvent: opts.onEvent }) })
        : Promise.resolve({ reply: existing, conversation })
    ])
    let latest = replied.status === 'fulfilled' ? replied.value.conversation : conversation
    if (titled.status === 'fulfilled' && titled.value !== '') {
      latest = (await conversations.setTitle(ownerId, conversation._id, titled.value, { onlyIfEmpty: true })) ?? latest
    }
    if (replied.status === 'rejected') throw replied.reason
    if (existing !== undefined) latest = (await conversations.get(ownerId, conversation._id)) ?? latest
    if (deps.logContent === true) {
      deps.log?.info({ conversationId: conversation._id.toHexString(), message: userMessage.content, reply: replied.value.reply.content }, 'chat turn content')
    }
    return { conversation: conversationView(latest), message: messageView(userMessage), reply: messageView(replied.value.reply) }
  }

  interface Resumed { conversation: ConversationDoc, userMessage: MessageDoc, reply?: MessageDoc }

  async function resumed (ownerId: string, progress: TurnProgress | undefined, conversationId?: string): Promise<Resumed | undefined> {
    if (progress === undefined || (conversationId !== undefined && progress.conversationId !== conversationId)) return undefined
    const oid = parseObjectId(progress.conversationId)
    if (oid === undefined) return undefined
    const [conversation, userMessage] = await Promise.all([conversations.get(ownerId, oid), messages.bySeq(ownerId, oid, progress.userSeq)])
    if (conversation === undefined || userMessage === undefined) return undefined
    // The earlier attempt released its claim when it failed; take it again unless POST .../reply holds it.
    const reply = await messages.replyTo(oid, userMessage.seq)
    if (reply !== undefined) return { conversation, userMessage, reply }
    if (!(await messages.claimReply(userMessage._id, staleClaimBefore()))) {
      throw new ConflictError('A reply to this message is already being produced')
    }
    return { conversation, userMessage }
  }

  function answerResumed (ownerId: string, previous: Resumed, opts: TurnOptions): Promise<TurnResult> {
    return answer(ownerId, previous.conversation, previous.userMessage, opts, previous.reply)
  }

  function staleClaimBefore (): Date {
    return new Date(now().getTime() - replyClaimMs)
  }

  // `created`: the conversation was just created withFirstMessage, and this is that message.
  async function storeUserMessage (ownerId: string, conversation: ConversationDoc, content: string, opts: TurnOptions, created: boolean, started?: boolean) {
    const appended = created
      ? await messages.insertFirst(ownerId, conversation, userMessageInput(content))
      : await messages.append(ownerId, conversation._id, userMessageInput(content))
    if (appended === undefined) throw new NotFoundError(NOT_FOUND)
    const progress: TurnProgress = { conversationId: conversation._id.toHexString(), userSeq: appended.message.seq }
    if (started !== undefined) progress.started = started
    await opts.onStored?.(progress)
    return appended
  }

  return {
    /** Creates a conversation with its first message and answers it (title in parallel). */
    async start (ownerId: string, input: { message: string, metadata?: ConversationMetadata }, opts: TurnOptions = {}): Promise<TurnResult> {
      const previous = await resumed(ownerId, opts.resume)
      if (previous !== undefined) return answerResumed(ownerId, previous, opts)
      const created = await conversations.create(ownerId, input.metadata === undefined ? { withFirstMessage: true } : { metadata: input.metadata, withFirstMessage: true })
      const { message, conversation } = await storeUserMessage(ownerId, created, input.message, opts, true)
      return answer(ownerId, conversation, message, opts)
    },

    /** Adds a user message to a conversation and answers it. */
    async post (ownerId: string, conversationId: string, input: { message: string }, opts: TurnOptions = {}): Promise<TurnResult> {
      const previous = await resumed(ownerId, opts.resume, conversationId)
      if (previous !== undefined) return answerResumed(ownerId, previous, opts)
      const oid = parseObjectId(conversationId)
      if (oid === undefined) throw new NotFoundError(NOT_FOUND)
      const appended = await messages.append(ownerId, oid, userMessageInput(input.message))
      if (appended === undefined) throw new NotFoundError(NOT_FOUND)
      await opts.onStored?.({ conversationId, userSeq: appended.message.seq })
      return answer(ownerId, appended.conversation, appended.message, opts)
    },

    /** Produces the missing reply to the conversation's last user message (after an outage). */
    async replyPending (ownerId: string, conversationId: string, opts: Pick<TurnOptions, 'signal' | 'onEvent'> = {}): Promise<TurnResult> {
      const conversation = await ownConversation(ownerId, conversationId)
      const last = await messages.lastUserMessage(ownerId, conversation._id)
      if (last === undefined || (await messages.replyTo(conversation._id, last.seq)) !== undefined) {
        throw new ConflictError('The conversation has no message waiting for a reply')
      }
      if (!(await messages.claimReply(last._id, staleClaimBefore()))) {
        throw new ConflictError('A reply to the last message is already being produced')
      }
      return answer(ownerId, conversation, last, opts)
    },

    /**
     * Continues the chat's active session conversation (sliding SESSION_TTL) or starts one with the
     * session metadata; `started` says which.
     */
    async session (ownerId: string, input: SessionInput, opts: TurnOptions = {}): Promise<SessionTurnResult> {
      const previous = await resumed(ownerId, opts.resume)
      if (previous !== undefined) {
        const result = await answerResumed(ownerId, previous, opts)
        return { ...result, started: opts.resume?.started === true }
      }
      const address = { platform: input.platform, chatId: input.chatId, ownerId }
      const activeId = await sessions.continue(address)
      if (activeId !== undefined) {
        const appended = await messages.append(ownerId, activeId, userMessageInput(input.message))
        if (appended !== undefined) {
          await opts.onStored?.({ conversationId: activeId.toHexString(), userSeq: appended.message.seq, started: false })
          return { ...(await answer(ownerId, appended.conversation, appended.message, opts)), started: false }
        }
        // The session's conversation was deleted: the chat starts afresh.
        await sessions.end(address)
      }
      const metadata: ConversationMetadata = { platform: input.platform, chatId: input.chatId }
      if (input.userId !== undefined) metadata.userId = input.userId
      const created = await conversations.create(ownerId, { metadata, withFirstMessage: true })
      const winnerId = await sessions.start(address, created._id)
      let target = created
      if (!winnerId.equals(created._id)) {
        // A concurrent first message of the same chat started the session first: join it.
        await conversations.delete(ownerId, created._id)
        target = await ownConversation(ownerId, winnerId.toHexString())
      }
      const started = target === created
      const { message, conversation } = await storeUserMessage(ownerId, target, input.message, opts, started, started)
      return { ...(await answer(ownerId, conversation, message, opts)), started }
    },

    /** Forgets the chat's active session: its next message starts a new conversation. */
    async endSession (ownerId: string, platform: string, chatId: string): Promise<void> {
      await sessions.end({ platform, chatId, ownerId })
    },

    /** The owner's conversations, newest activity first. */
    async list (ownerId: string, options: { limit: number, cursor?: string }): Promise<ConversationPage> {
      const page = await conversations.list(ownerId, options)
      if (page === undefined) throw new BadRequestError('The cursor is not valid')
      return { items: page.items.map(conversationView), nextCursor: page.nextCursor }
    },

    /** A conversation with its latest `messagesLimit` messages before `before` (a seq), oldest first. */
    async describe (ownerId: string, conversationId: string, options: { messagesLimit: number, before?: number }): Promise<ConversationWithMessages> {
      const conversation = await ownConversation(ownerId, conversationId)
      const page = await messages.page(ownerId, conversation._id, { limit: options.messagesLimit, ...(options.before === undefined ? {} : { before: options.before }) })
      return { conversation: conversationView(conversation), messages: page.messages.map(messageView), nextBefore: page.nextBefore }
    },

    async rename (ownerId: string, conversationId: string, newTitle: string): Promise<ConversationView> {
      const oid = parseObjectId(conversationId)
      const updated = oid === undefined ? undefined : await conversations.setTitle(ownerId, oid, newTitle)
      if (updated === undefined) throw new NotFoundError(NOT_FOUND)
      return conversationView(updated)
    },

    async remove (ownerId: string, conversationId: string): Promise<void> {
      const oid = parseObjectId(conversationId)
      if (oid === undefined || !(await conversations.delete(ownerId, oid))) throw new NotFoundError(NOT_FOUND)
    }
  }
}
