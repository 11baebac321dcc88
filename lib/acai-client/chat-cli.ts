// `acai chat [conversation-id]`: an interactive chat in the terminal against a running acai server.
// The first message starts a conversation (POST /v1/conversations); later ones stream over Server-Sent
// Events (POST .../messages). Every send carries an Idempotency-Key that its retries reuse, so a
// connection dropped mid-reply is retried without a second reply. Ctrl-C cancels the reply in progress
// (the line being typed otherwise), Ctrl-D exits.
import { randomUUID } from 'node:crypto'
import { createInterface, type Interface } from 'node:readline'
import { parseArgs } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import { ApiError, createApiClient, type ApiClient } from './http.js'
import { readSse } from './sse.js'
import { createStyle, toolLine, useColor, type Style } from './style.js'
import type { ConversationWithMessages, Message, Turn } from './types.js'

export const DEFAULT_URL = 'http://127.0.0.1:8080'

const USAGE = `usage: acai chat [conversation-id] [--url URL] [--key KEY]

Chats with the assistant of a running acai server. Without an id the first message starts a new
conversation; with one, its recent history is printed and the chat continues it.
  --url URL   the server (default ACAI_URL, else ${DEFAULT_URL})
  --key KEY   the API key (default ACAI_API_KEY)
Ctrl-C cancels the reply in progress, Ctrl-D exits.`

export interface ChatIo {
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream & { isTTY?: boolean, columns?: number }
  /** readline's terminal mode (line editing, Ctrl-C as a key); process.stdin.isTTY for the real command */
  terminal: boolean
  env: Record<string, string | undefined>
  /** Attempts of one send when the connection fails (default 3). */
  attempts?: number
  /** Pause before a retry after a dropped connection (default 500 ms). */
  retryDelayMs?: number
}

class Cancelled extends Error {}
class ConnectionLost extends Error {}

/** Shared option parsing of the client commands: `--url`, `--key`, environment fallbacks. */
export function clientTarget (values: { url?: string | undefined, key?: string | undefined }, env: Record<string, string | undefined>): { baseUrl: string, apiKey: string | undefined } {
  const baseUrl = values.url ?? (env.ACAI_URL === undefined || env.ACAI_URL === '' ? DEFAULT_URL : env.ACAI_URL)
  const apiKey = values.key ?? (env.ACAI_API_KEY === '' ? undefined : env.ACAI_API_KEY)
  return { baseUrl, apiKey }
}

function isAbort (err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err.cause instanceof Error && err.cause.name === 'AbortError'))
}

function describe (err: unknown): string {
  if (err instanceof ApiError) return `${err.message} (${err.status} ${err.code})`
  if (err instanceof Error) return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message
  return String(err)
}

// Lines from readline, one at a time, for the main loop and for the 503 retry question alike.
function lineQueue (rl: Interface): { next: () => Promise<string | null> } {
  const lines: string[] = []
  let closed = false
  let waiter: ((line: string | null) => void) | undefined
  rl.on('line', (line) => {
    if (waiter !== undefined) {
      const w = waiter
      waiter = undefined
      w(line)
    } else lines.push(line)
  })
  rl.on('close', () => {
    closed = true
    waiter?.(null)
    waiter = undefined
  })
  return {
    next: () => {
      const line = lines.shift()
      if (line !== undefined) return Promise.resolve(line)
      if (closed) return Promise.resolve(null)
      return new Promise((resolve) => { waiter = resolve })
    }
  }
}

interface Session {
  api: ApiClient
  style: Style
  write: (text: string) => void
  conversationId: string | undefined
  titleShown: boolean
  attempts: number
  retryDelayMs: number
}

function printTitle (session: Session, title: string): void {
  if (session.titleShown || title === '') return
  session.titleShown = true
  session.write(session.style.dim(`— ${title}`) + '\n')
}

function printReply (session: Pick<Session, 'style' | 'write'>, reply: Message): void {
  for (const tool of reply.toolCalls ?? []) session.write(session.style.dim(toolLine(tool)) + '\n')
  session.write(`${session.style.cyan('acai›')} ${reply.content}\n`)
}

export function printHistory (session: Pick<Session, 'style' | 'write'>, data: ConversationWithMessages): void {
  const { style, write } = session
  write(style.bold(data.conversation.title === '' ? '(untitled)' : data.conversation.title) + style.dim(`  ${data.conversation.id}`) + '\n')
  if (data.nextBefore !== null) write(style.dim('… earlier messages not shown') + '\n')
  for (const message of data.messages) {
    if (message.role === 'user') write(`${style.bold('you›')} ${message.content}\n`)
    else printReply(session, message)
  }
}

// One streamed turn; resolves with the stored turn. Throws ConnectionLost when the stream ends early.
async function streamTurn (session: Session, id: string, message: string, key: string, signal: AbortSignal): Promise<Turn> {
  const res = await session.api.send({ method: 'POST', path: `/v1/conversations/${id}/messages`, body: { message }, idempotencyKey: key, accept: 'text/event-stream', signal })
  if (res.body === null) throw new ConnectionLost('empty response')
  const { style, write } = session
  let atLineStart = true
  let started = false
  let streamed = ''
  try {
    for await (const event of readSse(res.body)) {
      if (event.event === 'delta') {
        const text = (event.data as { text: string }).text
        if (!started) { write(`${style.cyan('acai›')} `); started = true }
        write(text)
        streamed += text
        atLineStart = text.endsWith('\n')
      } else if (event.event === 'tool') {
        if (!atLineStart) write('\n')
        write(style.dim(toolLine(event.data as { name: string, ok: boolean })) + '\n')
        atLineStart = true
        started = false
      } else if (event.event === 'done') {
        const turn = event.data as Turn
        // A replay (the reply was produced before the connection dropped) sends `done` alone.
        if (streamed === '') printReply(session, turn.reply)
        else if (!atLineStart) write('\n')
        return turn
      } else if (event.event === 'error') {
        const body = event.data as { statusCode: number, code: string, message: string }
        if (!atLineStart) write('\n')
        throw new ApiError(body.statusCode, body.code, body.message, null)
      }
    }
  } catch (err) {
    if (err instanceof ApiError || isAbort(err)) throw err
    if (!atLineStart) write('\n')
    throw new ConnectionLost(describe(err))
  }
  if (!atLineStart) write('\n')
  throw new ConnectionLost('the stream ended before the reply was complete')
}

// Sends one message, retrying a lost connection with the same Idempotency-Key.
async function send (session: Session, message: string, signal: AbortSignal): Promise<Turn> {
  const key = randomUUID()
  for (let attempt = 1; ; attempt++) {
    try {
      if (session.conversationId === undefined) {
        const turn = await session.api.json<Turn>({ method: 'POST', path: '/v1/conversations', body: { message, metadata: { platform: 'cli' } }, idempotencyKey: key, signal })
        printReply(session, turn.reply)
        return turn
      }
      return await streamTurn(session, session.conversationId, message, key, signal)
    } catch (err) {
      if (isAbort(err) || signal.aborted) throw new Cancelled()
      if (err instanceof ApiError) throw err
      if (attempt >= session.attempts) throw err
      session.write(session.style.dim(`connection lost (${describe(err)}); retrying with the same Idempotency-Key…`) + '\n')
      await sleep(session.retryDelayMs, undefined, { signal }).catch(() => { throw new Cancelled() })
    }
  }
}

async function produceMissingReply (session: Session, id: string, signal: AbortSignal): Promise<Turn> {
  const turn = await session.api.json<Turn>({ method: 'POST', path: `/v1/conversations/${id}/reply`, idempotencyKey: randomUUID(), signal })
  printReply(session, turn.reply)
  return turn
}

export async function chatCommand (argv: readonly string[], io: ChatIo): Promise<number> {
  const write = (text: string): void => { io.output.write(text) }
  let values: { url?: string | undefined, key?: string | undefined, help?: boolean | undefined }
  let positionals: string[]
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: { url: { type: 'string' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }))
    if (positionals.length > 1) throw new Error('at most one conversation id')
  } catch (err) {
    write(`acai chat: ${describe(err)}\n\n${USAGE}\n`)
    return 1
  }
  if (values.help === true) {
    write(USAGE + '\n')
    return 0
  }
  const style = createStyle(useColor(io.output.isTTY, io.env))
  const { baseUrl, apiKey } = clientTarget(values, io.env)
  const api = createApiClient({ baseUrl, apiKey, onWait: (s) => write(style.dim(`rate limited; waiting ${s} s (Retry-After)…`) + '\n') })
  const session: Session = { api, style, write, conversationId: positionals[0], titleShown: false, attempts: io.attempts ?? 3, retryDelayMs: io.retryDelayMs ?? 500 }

  if (session.conversationId !== undefined) {
    try {
      const data = await api.json<ConversationWithMessages>({ method: 'GET', path: `/v1/conversations/${encodeURIComponent(session.conversationId)}?messagesLimit=20` })
      printHistory(session, data)
      session.titleShown = data.conversation.title !== ''
    } catch (err) {
      write(style.red(`acai chat: ${describe(err)}`) + '\n')
      return 1
    }
  } else {
    write(style.dim(`acai chat on ${api.baseUrl}: type a message; Ctrl-C cancels a reply, Ctrl-D exits.`) + '\n')
  }

  const rl = createInterface({ input: io.input, output: io.output, terminal: io.terminal, prompt: `${style.bold('you›')} `, historySize: 100 })
  const lines = lineQueue(rl)
  let current: AbortController | undefined
  rl.on('SIGINT', () => {
    if (current !== undefined) current.abort()
    else {
      rl.write(null, { ctrl: true, name: 'u' })
      write('\n' + style.dim('(Ctrl-D exits)') + '\n')
      rl.prompt()
    }
  })

  rl.prompt()
  for (let line = await lines.next(); line !== null; line = await lines.next()) {
    const message = line.trim()
    if (message === '') { rl.prompt(); continue }
    current = new AbortController()
    try {
      const turn = await send(session, message, current.signal)
      session.conversationId = turn.conversation.id
      printTitle(session, turn.conversation.title)
    } catch (err) {
      if (err instanceof Cancelled) write(style.dim('(reply cancelled)') + '\n')
      else if (err instanceof ApiError && err.status === 503) {
        if (session.conversationId === undefined && err.location !== null) session.conversationId = err.location.split('/').pop()
        write(style.red('The model is unavailable right now; your message is saved.') + '\n')
        if (session.conversationId !== undefined) {
          write('Retry the reply? [Y/n] ')
          const answer = await lines.next()
          if (answer !== null && !/^n/i.test(answer.trim())) {
            try {
              const turn = await produceMissingReply(session, session.conversationId, current.signal)
              printTitle(session, turn.conversation.title)
            } catch (retryErr) {
              write(style.red(retryErr instanceof ApiError && retryErr.status === 503 ? 'Still unavailable; try again later.' : describe(retryErr)) + '\n')
            }
          }
        }
      } else write(style.red(`error: ${describe(err)}`) + '\n')
    } finally {
      current = undefined
    }
    rl.prompt()
  }
  write('\n')
  return 0
}

export async function run (argv: string[]): Promise<number> {
  return chatCommand(argv, { input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true, env: process.env })
}
