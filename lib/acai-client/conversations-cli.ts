// `acai conversations list|show <id>` against a running acai server (ACAI_URL, ACAI_API_KEY or --key).
import { parseArgs } from 'node:util'
import { formatTable } from '../cli/table.js'
import { processIo, type CliIo, usageError } from '../cli/io.js'
import { clientTarget, printHistory } from './chat-cli.js'
import { createApiClient } from './http.js'
import { createStyle, useColor } from './style.js'
import type { ConversationList, ConversationWithMessages } from './types.js'

const USAGE = `usage: acai conversations <command> [--url URL] [--key KEY] [--json]

  list [--limit N]   your conversations, latest activity first (id, title, updated, messages)
  show ID            a conversation's messages with roles and times

--url defaults to ACAI_URL (else http://127.0.0.1:8080), --key to ACAI_API_KEY; --json prints the API's JSON.`

export interface ConversationsIo extends CliIo {
  env: Record<string, string | undefined>
  isTty: boolean
}

export async function conversationsCommand (argv: readonly string[], io: ConversationsIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { url: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true
    })
    const [action, ...rest] = parsed.positionals
    if (parsed.values.help === true) { io.out(USAGE); return 0 }
    if (action === 'list' && rest.length > 0) throw new Error(`unexpected argument '${rest[0] ?? ''}'`)
    if (action === 'show' && rest.length !== 1) throw new Error('show takes exactly one conversation id')
    if (action !== 'list' && action !== 'show') throw new Error(action === undefined ? 'missing command' : `unknown command '${action}'`)
    if (parsed.values.limit !== undefined && !/^\d+$/.test(parsed.values.limit)) throw new Error('--limit must be a number from 1 to 100')
  } catch (err) {
    return usageError(io, 'acai conversations', err, USAGE)
  }
  const { values, positionals } = parsed
  const api = createApiClient({ ...clientTarget(values, io.env), onWait: (s) => io.err(`rate limited; waiting ${s} s (Retry-After)…`) })
  try {
    if (positionals[0] === 'list') {
      const list = await api.json<ConversationList>({ method: 'GET', path: `/v1/conversations?limit=${values.limit ?? '20'}` })
      if (values.json === true) { io.out(JSON.stringify(list, null, 2)); return 0 }
      if (list.items.length === 0) { io.out('no conversations yet'); return 0 }
      io.out(formatTable(['ID', 'TITLE', 'UPDATED', 'MESSAGES'], list.items.map((c) => [c.id, c.title === '' ? '(untitled)' : c.title, c.updatedAt, String(c.messageCount)])))
      return 0
    }
    const id = positionals[1] ?? ''
    const data = await api.json<ConversationWithMessages>({ method: 'GET', path: `/v1/conversations/${encodeURIComponent(id)}?messagesLimit=200` })
    if (values.json === true) { io.out(JSON.stringify(data, null, 2)); return 0 }
    const style = createStyle(useColor(io.isTty, io.env))
    let text = ''
    printHistory({ style, write: (t) => { text += t } }, {
      ...data,
      messages: data.messages.map((m) => ({ ...m, content: `${style.dim(m.createdAt)}\n${m.content}` }))
    })
    io.out(text)
    return 0
  } catch (err) {
    io.err(`acai conversations: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

export async function run (argv: string[]): Promise<number> {
  return conversationsCommand(argv, { ...processIo, env: process.env, isTty: process.stdout.isTTY })
}
