import { AssistantUnavailableError, NotFoundError } from '../errors/catalogue.js'
import type { ConversationDoc, HistoryDoc, MessageDoc, MessageStore, UsageStore } from '../conversations/index.js'
import type { BackgroundRetry } from './background-retry.js'
import type { SummaryWriter } from './summaries.js'
import type { AssistantEvent, ChatLogger, EventSink, ReplyEngine } from './ports.js'

export interface ReplyTurnDeps {
  messages: MessageStore
  engine: ReplyEngine
  /** How many stored messages are offered to the engine, which then fits them to its token budget. */
  historyLimit: number
  log?: ChatLogger
  /** Finishes a claim release that failed, so POST .../reply and retries are not refused for the claim's lifetime. */
  background: BackgroundRetry
  /** Per key and day token usage (GET /v1/usage). */
  usage: UsageStore
  /** Folds what did not fit the budget into the conversation's rolling summary. */
  summaries: SummaryWriter
  now: () => Date
}

export interface ReplyTurnInput {
  ownerId: string
  conversation: ConversationDoc
  /** The stored user message to answer; its reply claim is released if no reply gets stored. */
  userMessage: MessageDoc
  signal: AbortSignal
  onEvent?: EventSink
}

export interface ReplyTurnResult { reply: MessageDoc, conversation: ConversationDoc }

type DoneEvent = Extract<AssistantEvent, { type: 'done' }>

function retryAfterOf (err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('retryAfterSeconds' in err)) return undefined
  const value = err.retryAfterSeconds
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined
}

interface EngineRun { done: DoneEvent, offered: HistoryDoc[] }

async function runEngine (deps: ReplyTurnDeps, input: ReplyTurnInput): Promise<EngineRun> {
  const { conversation, userMessage, signal, onEvent } = input
  // Messages the rolling summary covers are not read again: the summary stands for them. Nothing to read
  // when nothing lies between the summary and this message (a conversation's first turn).
  const afterSeq = conversation.summaryUpTo ?? 0
  const offered = userMessage.seq - 1 > afterSeq
    ? await deps.messages.history(conversation._id, userMessage.seq - 1, deps.historyLimit, conversation.summaryUpTo)
    : []
  const request = {
    platform: conversation.platform,
    history: offered.map(({ role, content, tokens }) => (tokens === undefined ? { role, content } : { role, content, tokens })),
    message: userMessage.content,
    signal,
    ...(conversation.summary === undefined ? {} : { summary: conversation.summary })
  }
  for await (const event of deps.engine.reply(request)) {
    if (event.type === 'done') return { done: event, offered }
    await onEvent?.(event)
  }
  throw new Error('the assistant finished without a reply')
}

// Produces and stores the assistant's answer to one stored user message. The user message is never
// touched on failure (it stays stored); only its reply claim is released so POST .../reply can retry.
export async function replyTurn (deps: ReplyTurnDeps, input: ReplyTurnInput): Promise<ReplyTurnResult> {
  const { ownerId, conversation, userMessage, signal } = input
  try {
    let run: EngineRun
    try {
      run = await runEngine(deps, input)
    } catch (err) {
      // A client that went away is not an outage: the caller sees the abort itself.
      if (signal.aborted) throw err
      deps.log?.error({ err, conversationId: conversation._id.toHexString() }, 'the assistant failed to reply')
      throw new AssistantUnavailableError(conversation._id.toHexString(), retryAfterOf(err))
    }
    const { done, offered } = run
    const usage = { promptTokens: done.usage.promptTokens, completionTokens: done.usage.completionTokens }
    const appended = await deps.messages.append(ownerId, conversation._id, {
      role: 'assistant',
      content: done.content,
      toolCalls: done.toolCalls.map(({ name, ok }) => ({ name, ok })),
      inReplyTo: userMessage.seq,
      usage,
      ...(deps.engine.countTokens === undefined ? {} : { tokens: deps.engine.countTokens(done.content) })
    })
    if (appended === undefined) throw new NotFoundError('Conversation')
    if (usage.promptTokens + usage.completionTokens > 0) {
      const at = deps.now()
      await deps.background.settle('usage.record', () => deps.usage.record(ownerId, at, usage))
    }
    deps.summaries.afterTurn({
      ownerId,
      conversation,
      offered,
      dropped: done.context.droppedMessages,
      truncated: offered.length === deps.historyLimit && (offered[0]?.seq ?? 0) > (conversation.summaryUpTo ?? 0) + 1
    })
    return { reply: appended.message, conversation: appended.conversation }
  } catch (err) {
    await deps.background.settle('reply.release', () => deps.messages.releaseReply(userMessage._id))
    throw err
  }
}
