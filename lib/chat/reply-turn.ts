import { AssistantUnavailableError, NotFoundError } from '../errors/catalogue.js'
import type { ConversationDoc, MessageDoc, MessageStore } from '../conversations/index.js'
import type { BackgroundRetry } from './background-retry.js'
import type { AssistantEvent, ChatLogger, EventSink, ReplyEngine } from './ports.js'

export interface ReplyTurnDeps {
  messages: MessageStore
  engine: ReplyEngine
  /** How many stored messages are offered to the engine, which then fits them to its token budget. */
  historyLimit: number
  log?: ChatLogger
  /** Finishes a claim release that failed, so POST .../reply and retries are not refused for the claim's lifetime. */
  background: BackgroundRetry
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

async function runEngine (deps: ReplyTurnDeps, input: ReplyTurnInput): Promise<DoneEvent> {
  const { conversation, userMessage, signal, onEvent } = input
  const earlier = await deps.messages.history(conversation._id, userMessage.seq - 1, deps.historyLimit)
  const request = {
    platform: conversation.platform,
    history: earlier.map(({ role, content }) => ({ role, content })),
    message: userMessage.content,
    signal,
    ...(conversation.summary === undefined ? {} : { summary: conversation.summary })
  }
  for await (const event of deps.engine.reply(request)) {
    if (event.type === 'done') return event
    await onEvent?.(event)
  }
  throw new Error('the assistant finished without a reply')
}

// Produces and stores the assistant's answer to one stored user message. The user message is never
// touched on failure (it stays stored); only its reply claim is released so POST .../reply can retry.
export async function replyTurn (deps: ReplyTurnDeps, input: ReplyTurnInput): Promise<ReplyTurnResult> {
  const { ownerId, conversation, userMessage, signal } = input
  try {
    let done: DoneEvent
    try {
      done = await runEngine(deps, input)
    } catch (err) {
      // A client that went away is not an outage: the caller sees the abort itself.
      if (signal.aborted) throw err
      deps.log?.error({ err, conversationId: conversation._id.toHexString() }, 'the assistant failed to reply')
      throw new AssistantUnavailableError(conversation._id.toHexString(), retryAfterOf(err))
    }
    const appended = await deps.messages.append(ownerId, conversation._id, {
      role: 'assistant',
      content: done.content,
      toolCalls: done.toolCalls.map(({ name, ok }) => ({ name, ok })),
      inReplyTo: userMessage.seq
    })
    if (appended === undefined) throw new NotFoundError('Conversation')
    return { reply: appended.message, conversation: appended.conversation }
  } catch (err) {
    await deps.background.settle('reply.release', () => deps.messages.releaseReply(userMessage._id))
    throw err
  }
}
