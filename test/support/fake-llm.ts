// A local HTTP server speaking the OpenAI Chat Completions API (POST .../chat/completions), for tests of
// the openai provider and of whole flows over a real port. Answers are scripted per request (JSON or
// Server-Sent Events streams, text, tool calls, failures with Retry-After, delays, streams that stall), a
// default answer applies when the script is empty, and every request is recorded with its path, headers,
// body and whether the client hung up before the answer ended.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface FakeToolCall { id?: string, name: string, arguments: unknown }

export interface FakeUsage { prompt_tokens: number, completion_tokens: number }

/** One scripted answer. */
export type FakeAnswer =
  | { kind: 'reply', text?: string, toolCalls?: FakeToolCall[], usage?: FakeUsage, delayMs?: number, chunkDelayMs?: number, splitArguments?: number }
  | { kind: 'error', status: number, headers?: Record<string, string>, body?: unknown, delayMs?: number }
  /** streams `text` and then never ends (until the client hangs up) */
  | { kind: 'stall', text?: string }
  /** exactly these bytes with this status and content type: garbage where a completion should be */
  | { kind: 'raw', status: number, contentType: string, body: string }

export interface RecordedCall {
  path: string
  headers: IncomingMessage['headers']
  body: ChatRequestBody
  /** the client closed the connection before the answer ended */
  aborted: boolean
  /** resolves when the answer ended or the client went away */
  settled: Promise<void>
}

export interface ChatRequestBody {
  model: string
  stream?: boolean
  messages: Array<{ role: string, content: string | null, tool_calls?: Array<{ id: string, function: { name: string, arguments: string } }>, tool_call_id?: string }>
  tools?: Array<{ type: string, function: { name: string, description: string, parameters: unknown } }>
  tool_choice?: string
  max_tokens?: number
  max_completion_tokens?: number
  [key: string]: unknown
}

export type Responder = (body: ChatRequestBody, call: RecordedCall) => FakeAnswer

export interface FakeLlm {
  /** base URL to put in LLM_BASE_URL (ends in /v1) */
  baseUrl: string
  calls: RecordedCall[]
  /** answers for the next requests, in order, before `responder` */
  script: FakeAnswer[]
  /** the answer when the script is empty; default: a short text reply */
  responder: Responder
  close: () => Promise<void>
}

const reply = (text: string): FakeAnswer => ({ kind: 'reply', text })

export const answers = {
  text: reply,
  tools: (...toolCalls: FakeToolCall[]): FakeAnswer => ({ kind: 'reply', toolCalls }),
  error: (status: number, headers: Record<string, string> = {}): FakeAnswer => ({ kind: 'error', status, headers })
}

/** Roughly what a tokenizer would say, so usage figures are plausible and deterministic. */
function estimateTokens (body: ChatRequestBody): number {
  return Math.ceil(JSON.stringify(body.messages).length / 4)
}

function chunk (id: string, model: string, delta: object, finishReason: string | null = null): object {
  return { id, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] }
}

/** Splits text into pieces of about `size` characters (at least one piece). */
function pieces (text: string, size: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out.length === 0 ? [''] : out
}

async function writeStream (res: ServerResponse, body: ChatRequestBody, answer: Extract<FakeAnswer, { kind: 'reply' }>, call: RecordedCall): Promise<void> {
  const id = 'chatcmpl-fake'
  const send = async (data: object | string): Promise<void> => {
    if (call.aborted) return
    res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
    if (answer.chunkDelayMs !== undefined) await sleep(answer.chunkDelayMs)
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  await send(chunk(id, body.model, { role: 'assistant', content: '' }))
  for (const piece of answer.text === undefined ? [] : pieces(answer.text, 7)) await send(chunk(id, body.model, { content: piece }))
  const calls = answer.toolCalls ?? []
  for (const [index, toolCall] of calls.entries()) {
    const args = JSON.stringify(toolCall.arguments)
    const parts = pieces(args, answer.splitArguments ?? 5)
    await send(chunk(id, body.model, { tool_calls: [{ index, id: toolCall.id ?? `call_${index}`, type: 'function', function: { name: toolCall.name, arguments: '' } }] }))
    for (const part of parts) await send(chunk(id, body.model, { tool_calls: [{ index, function: { arguments: part } }] }))
  }
  await send(chunk(id, body.model, {}, calls.length > 0 ? 'tool_calls' : 'stop'))
  if (isRecord(body.stream_options) && body.stream_options.include_usage === true) {
    const usage = answer.usage ?? { prompt_tokens: estimateTokens(body), completion_tokens: Math.ceil((answer.text ?? '').length / 4) + calls.length * 10 }
    await send({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })
  }
  await send('[DONE]')
  res.end()
}

function writeJson (res: ServerResponse, body: ChatRequestBody, answer: Extract<FakeAnswer, { kind: 'reply' }>): void {
  const calls = answer.toolCalls ?? []
  const usage = answer.usage ?? { prompt_tokens: estimateTokens(body), completion_tokens: Math.ceil((answer.text ?? '').length / 4) }
  const message = {
    role: 'assistant',
    content: answer.text ?? null,
    ...(calls.length === 0 ? {} : { tool_calls: calls.map((c, i) => ({ id: c.id ?? `call_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) })
  }
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, message, finish_reason: calls.length > 0 ? 'tool_calls' : 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens }
  }))
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

async function readBody (req: IncomingMessage): Promise<string> {
  let text = ''
  req.setEncoding('utf8')
  for await (const part of req) text += String(part)
  return text
}

/** `port`: listen there (a fake started again after close(), to play a model server coming back); default a free one. */
export async function startFakeLlm (options: { port?: number } = {}): Promise<FakeLlm> {
  const calls: RecordedCall[] = []
  const fake: FakeLlm = {
    baseUrl: '',
    calls,
    script: [],
    responder: () => reply('Hello from the fake model.'),
    close: async () => {}
  }

  const server = createServer((req, res) => {
    let settle = (): void => {}
    const call: RecordedCall = {
      path: req.url ?? '',
      headers: req.headers,
      body: { model: '', messages: [] },
      aborted: false,
      settled: new Promise<void>((resolve) => { settle = resolve })
    }
    res.on('close', () => {
      if (!res.writableFinished) call.aborted = true
      settle()
    })
    const handle = async (): Promise<void> => {
      const text = await readBody(req)
      if (req.method !== 'POST' || !(req.url ?? '').endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }))
        return
      }
      call.body = JSON.parse(text)
      calls.push(call)
      const answer = fake.script.shift() ?? fake.responder(call.body, call)
      if (answer.kind === 'stall') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write(`data: ${JSON.stringify(chunk('chatcmpl-fake', call.body.model, { role: 'assistant', content: answer.text ?? '' }))}\n\n`)
        return
      }
      if (answer.kind === 'raw') {
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body)
        return
      }
      if (answer.delayMs !== undefined) await sleep(answer.delayMs)
      if (call.aborted) return
      if (answer.kind === 'error') {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        res.end(JSON.stringify(answer.body ?? { error: { message: `scripted failure ${answer.status}`, type: 'server_error' } }))
        return
      }
      if (call.body.stream === true) await writeStream(res, call.body, answer, call)
      else writeJson(res, call.body, answer)
    }
    handle().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: String(err) } }))
    })
  })
  server.listen(options.port ?? 0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  fake.baseUrl = `http://127.0.0.1:${port}/v1`
  fake.close = async () => {
    server.closeAllConnections()
    server.close()
    await once(server, 'close')
  }
  return fake
}
