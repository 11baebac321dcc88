import type { ConversationDoc, ConversationStore, HistoryDoc, MessageStore, UsageStore } from '../conversations/index.js'
import type { ChatLogger, ReplyEngine, StoreFailureReporter } from './ports.js'

// The rolling summary (DESIGN.md 5.1). When a turn's history did not fit the token budget, the messages left
// out (and the older half of those sent, so the next turns have room and the fold is not repeated every
// turn) are folded by the model into `summary`, and `summaryUpTo` moves to the last folded message; later
// turns send the summary and only the messages after it. The fold runs after the reply is stored, off the
// response's path: a fold that fails leaves the conversation as it was, and the next turn tries again.

export interface SummaryWriterDeps {
  conversations: ConversationStore
  messages: MessageStore
  engine: ReplyEngine
  usage: UsageStore
  now: () => Date
  log?: ChatLogger
  onStoreFailure?: StoreFailureReporter
}

export interface FoldRequest {
  ownerId: string
  conversation: ConversationDoc
  /** the history offered to the engine, oldest first */
  offered: readonly HistoryDoc[]
  /** how many of `offered` (from the oldest) the engine left out for the budget */
  dropped: number
  /** fewer messages were offered than exist after the summary (the history limit cut them) */
  truncated: boolean
}

export interface SummaryWriter {
  /** Starts a fold when the turn needs one; never throws, never waits for it. */
  afterTurn (request: FoldRequest): void
  /** Resolves once no fold is running (tests; shutdown). */
  idle (): Promise<void>
  /** Aborts running folds (the app is closing). */
  close (): void
}

/** The last seq to fold: every dropped message, then the oldest kept ones until at most half the kept tokens remain. */
export function foldBoundary (offered: readonly HistoryDoc[], dropped: number, countTokens: (content: string) => number): number | undefined {
  const kept = offered.slice(dropped)
  const cost = (message: HistoryDoc): number => message.tokens ?? countTokens(message.content)
  const total = kept.reduce((sum, message) => sum + cost(message), 0)
  let boundary = dropped > 0 ? offered[dropped - 1]?.seq : undefined
  let remaining = total
  for (const message of kept.slice(0, -1)) {
    if (remaining <= total / 2) break
    remaining -= cost(message)
    boundary = message.seq
  }
  return boundary
}

export function createSummaryWriter (deps: SummaryWriterDeps): SummaryWriter {
  const running = new Map<string, Promise<void>>()
  const closing = new AbortController()
  const { engine } = deps
  const countTokens = engine.countTokens ?? ((content: string) => Math.ceil(content.length / 4))

  async function fold (request: FoldRequest, summarize: NonNullable<ReplyEngine['summarize']>): Promise<void> {
    const { ownerId, conversation, offered } = request
    const boundary = foldBoundary(offered, request.dropped, countTokens)
    const afterSeq = conversation.summaryUpTo ?? 0
    // Messages the history limit cut are older than everything offered: they are folded in any case.
    const upTo = boundary ?? (request.truncated ? (offered[0]?.seq ?? afterSeq + 1) - 1 : undefined)
    if (upTo === undefined || upTo <= afterSeq) return
    const folded = await deps.messages.range(conversation._id, afterSeq, upTo)
    if (folded.length === 0) return
    const result = await summarize(conversation.summary, folded.map(({ role, content, tokens }) => (
      tokens === undefined ? { role, content } : { role, content, tokens }
    )), closing.signal)
    const written = await deps.conversations.setSummary(ownerId, conversation._id, { text: result.summary, upTo, expectedUpTo: conversation.summaryUpTo })
    deps.log?.info({ conversationId: conversation._id.toHexString(), summaryUpTo: upTo, folded: folded.length, requests: result.requests, written }, 'conversation summary folded')
    try {
      await deps.usage.record(ownerId, deps.now(), result.usage, result.requests)
    } catch (err) {
      deps.onStoreFailure?.('usage.record', err, { gaveUp: true })
    }
  }

  return {
    afterTurn (request) {
      const summarize = engine.summarize
      if (summarize === undefined || (request.dropped === 0 && !request.truncated)) return
      const id = request.conversation._id.toHexString()
      // One fold per conversation at a time; a turn that finds one running leaves the rest to the next turn.
      if (running.has(id) || closing.signal.aborted) return
      const task = fold(request, summarize).catch((err: unknown) => {
        if (closing.signal.aborted) return
        deps.log?.warn({ err: err instanceof Error ? err.message : String(err), conversationId: id }, 'the conversation summary could not be folded; the next turn tries again')
      }).finally(() => { running.delete(id) })
      running.set(id, task)
    },

    async idle () {
      while (running.size > 0) await Promise.all(running.values())
    },

    close () {
      closing.abort()
    }
  }
}
