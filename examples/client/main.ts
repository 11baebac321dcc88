// The typed client at work: `npx tsx examples/client/main.ts http://localhost:8080 "$KEY"` starts a
// conversation, streams the reply to a follow-up, then lists every conversation of the key.
import { pathToFileURL } from 'node:url'
import { createAcaiClient, type AcaiClientOptions } from './client.js'

export async function demo (options: AcaiClientOptions, write: (text: string) => void): Promise<void> {
  const acai = createAcaiClient(options)

  const first = await acai.startConversation('what time is it in Tokyo?', 'web')
  write(`${first.conversation.title}\n> ${first.message.content}\n${first.reply.content}\n`)

  write('> and what time is it in Madrid?\n')
  for await (const { event, data } of acai.streamReply(first.conversation.id, 'and what time is it in Madrid?')) {
    if (event === 'delta') write(data.text)
    else if (event === 'tool') write(`[${data.name}${data.ok ? '' : ' failed'}] `)
    else if (event === 'done') write(`\n(${data.conversation.messageCount} messages)\n`)
    else write(`\nerror: ${data.message}\n`)
  }

  for await (const conversation of acai.conversations(10)) write(`${conversation.id}  ${conversation.updatedAt}  ${conversation.title}\n`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [baseUrl = 'http://localhost:8080', apiKey] = process.argv.slice(2)
  if (apiKey === undefined) {
    console.error('usage: npx tsx examples/client/main.ts <base URL> <API key>')
    process.exit(2)
  }
  await demo({ baseUrl, apiKey }, (text) => process.stdout.write(text))
}
