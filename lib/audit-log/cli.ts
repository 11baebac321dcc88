// `acai audit verify|list`: checks the audit log's hash chain, or lists its entries, in the database the
// server would use with the same environment.
import { parseArgs } from 'node:util'
import type { EnvSource } from '../config/load-config.js'
import { IN_MEMORY_NOTE, openCliDatabase } from '../cli/database.js'
import { parseCommand, processIo, type CliIo } from '../cli/io.js'
import { formatTable } from '../cli/table.js'
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from './chain.js'
import { createAuditLog, type AuditListQuery } from './store.js'

const USAGE = `usage: acai audit <command>

  verify                     check the hash chain; names the first edited, removed or reordered entry
  list [--action A] [--actor ID|cli] [--since ISO] [--until ISO] [--before SEQ] [--limit N]
                             entries newest first (limit 50 by default)

Actions: ${AUDIT_ACTIONS.join(', ')}.
The database comes from MONGODB_URI / MONGODB_DB (or the embedded server with DATA_DIR), as for the server.`

type Parsed = { action: 'verify' } | { action: 'list', query: AuditListQuery } | { action: 'help' }

function date (name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const parsed = new Date(value)
  if (Number.isNaN(parsed.getTime())) throw new Error(`--${name} must be a date, e.g. 2026-01-31T00:00:00Z`)
  return parsed
}

function positiveInteger (name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a positive integer`)
  return Number(value)
}

function parse (argv: readonly string[]): Parsed {
  const [action, ...rest] = argv
  if (action === undefined) throw new Error('missing command')
  if (action === '--help' || action === '-h' || action === 'help') return { action: 'help' }
  if (action === 'verify') {
    if (rest.length > 0) throw new Error(`unexpected argument '${rest[0] ?? ''}'`)
    return { action }
  }
  if (action !== 'list') throw new Error(`unknown command '${action}'`)
  const { values } = parseArgs({
    args: [...rest],
    options: { action: { type: 'string' }, actor: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, before: { type: 'string' }, limit: { type: 'string' } },
    strict: true,
    allowPositionals: false
  })
  if (values.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(values.action)) {
    throw new Error(`unknown action '${values.action}'`)
  }
  const since = date('since', values.since)
  const until = date('until', values.until)
  const before = positiveInteger('before', values.before)
  const query: AuditListQuery = {
    limit: Math.min(positiveInteger('limit', values.limit) ?? 50, 1000),
    ...(values.action === undefined ? {} : { action: values.action as AuditAction }),
    ...(values.actor === undefined ? {} : { actor: values.actor }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(before === undefined ? {} : { before })
  }
  return { action, query }
}

function actorText (entry: AuditEntry): string {
  return entry.actor.type === 'key' ? `${entry.actor.name} (${entry.actor.keyId})` : entry.actor.type
}

export async function auditCommand (argv: readonly string[], env: EnvSource, io: CliIo): Promise<number> {
  const command = parseCommand(io, 'acai audit', USAGE, () => parse(argv))
  if (typeof command === 'number') return command
  const database = await openCliDatabase(env, { warn: io.err })
  try {
    if (!database.persistent) io.err(IN_MEMORY_NOTE)
    const log = createAuditLog({ db: database.db })
    if (command.action === 'verify') {
      const report = await log.verify()
      if (!report.ok) {
        const { bad } = report
        io.err(`Audit log broken at entry ${bad.seq} (${bad.time.toISOString()}, ${bad.action}, ${bad.target}): ${report.reason}. ${report.entries} entries before it verified.`)
        return 1
      }
      if (report.firstSeq === null) {
        io.out(`Audit log of ${database.description} is empty.`)
        return 0
      }
      const trimmed = report.firstSeq > 1 ? ` Entries 1 to ${report.firstSeq - 1} were removed by retention (AUDIT_RETENTION_DAYS).` : ''
      io.out(`Audit log intact: ${report.entries} entries, ${report.firstSeq} to ${report.lastSeq}, head ${report.headHash ?? ''}.${trimmed}`)
      return 0
    }
    const page = await log.list(command.query)
    if (page.items.length === 0) {
      io.out('No audit entries match.')
      return 0
    }
    io.out(formatTable(['SEQ', 'TIME', 'ACTION', 'ACTOR', 'TARGET', 'IP', 'OUTCOME', 'COUNT'], page.items.map((e) => [
      String(e.seq), e.time.toISOString(), e.action, actorText(e), e.target, e.ip ?? '-', e.outcome, e.count === undefined ? '' : String(e.count)
    ])))
    if (page.next !== null) io.err(`More: acai audit list --before ${page.next}`)
    return 0
  } finally {
    await database.close()
  }
}

export function run (argv: string[]): Promise<number> {
  return auditCommand(argv, process.env, processIo)
}
