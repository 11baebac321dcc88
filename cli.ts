#!/usr/bin/env node
// The `acai` command. Each subcommand lives in its own module and is loaded only when used, so
// `acai mongo` does not pay for Fastify and `acai serve` does not pay for the CLI helpers of others.
// A subcommand module exports `run(argv)` and resolves to the process exit code.

type Subcommand = { summary: string, load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }

const subcommands: Record<string, Subcommand> = {
  serve: {
    summary: 'serve the HTTP API (what `npm start` runs)',
    load: () => import('./server.js')
  },
  mongo: {
    summary: 'run the embedded MongoDB-compatible server in the foreground',
    load: () => import('./lib/embedded-mongo/cli.js')
  },
  migrate: {
    summary: 'apply, revert or list database migrations and indexes (up|down|status)',
    load: () => import('./lib/migrations/cli.js')
  },
  keys: {
    summary: 'create, list or revoke API keys (create --name N --scopes chat,metrics | list | revoke ID)',
    load: () => import('./lib/api-keys/cli.js')
  },
  audit: {
    summary: 'verify the audit log\'s hash chain or list its entries (verify | list --action A --actor ID)',
    load: () => import('./lib/audit-log/cli.js')
  },
  backup: {
    summary: 'dump the database to backups/backup-YYYYMMDD-HHMMSS/<db>/ in mongodump\'s layout (--out DIR)',
    load: () => import('./lib/backup/backup-cli.js')
  },
  chat: {
    summary: 'chat with the assistant of a running server ([conversation-id] [--url URL] [--key KEY])',
    load: () => import('./lib/acai-client/chat-cli.js')
  },
  conversations: {
    summary: 'list or show your conversations on a running server (list | show ID, --json)',
    load: () => import('./lib/acai-client/conversations-cli.js')
  },
  telegram: {
    summary: 'register the Telegram webhook with its secret (set-webhook --url https://...)',
    load: () => import('./lib/telegram/set-webhook-cli.js')
  },
  restore: {
    summary: 'restore a backup, verifying counts and indexes (PATH [--drop])',
    load: () => import('./lib/backup/restore-cli.js')
  }
}

function usage (): string {
  const lines = Object.entries(subcommands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  return `usage: acai <command> [options]\n\ncommands:\n${lines.join('\n')}\n`
}

async function main (argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage())
    return name === undefined ? 1 : 0
  }
  const command = subcommands[name]
  if (command === undefined) {
    process.stderr.write(`acai: unknown command '${name}'\n\n${usage()}`)
    return 1
  }
  const mod = await command.load()
  return mod.run(rest)
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code },
  (err: unknown) => {
    process.stderr.write(`acai: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
)
