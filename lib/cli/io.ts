// Where a CLI command writes. Commands take this as an argument so tests can run them in process.
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

function writer (stream: NodeJS.WriteStream): (text: string) => void {
  return (text) => { stream.write(text.endsWith('\n') ? text : text + '\n') }
}

export const processIo: CliIo = { out: writer(process.stdout), err: writer(process.stderr) }
