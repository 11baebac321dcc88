// Where a CLI command writes. Commands take this as an argument so tests can run them in process.
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

function writer (stream: NodeJS.WriteStream): (text: string) => void {
  return (text) => { stream.write(text.endsWith('\n') ? text : text + '\n') }
}

export const processIo: CliIo = { out: writer(process.stdout), err: writer(process.stderr) }

/** Writes why a command's arguments were refused, then its usage; returns the exit code of a usage error. */
export function usageError (io: CliIo, command: string, err: unknown, usage: string): number {
  io.err(`${command}: ${err instanceof Error ? err.message : String(err)}\n\n${usage}`)
  return 1
}

/**
 * A command's arguments, parsed by `parse` (which throws on bad ones), or the exit code once the usage
 * error or, for `help`, the usage itself has been written.
 */
export function parseCommand<T extends { action: string }> (io: CliIo, command: string, usage: string, parse: () => T): Exclude<T, { action: 'help' }> | number {
  let parsed: T
  try {
    parsed = parse()
  } catch (err) {
    return usageError(io, command, err, usage)
  }
  if (parsed.action === 'help') {
    io.out(usage)
    return 0
  }
  return parsed as Exclude<T, { action: 'help' }>
}
