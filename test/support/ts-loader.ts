// How test child processes (the real entry points: server.ts, cli.ts) load TypeScript. Under tap they use
// the test process's own loader (swc, see .taprc) with source maps: with tsx instead, the same source is
// transpiled differently (tsx strips line breaks), so the child's coverage of a file lands on other
// positions than the parent's and every module the child loads counts its functions twice, half of them
// uncovered. Outside tap, tsx.

const SWC_LOADER = /^--import=@swc-node\/register\/esm-register$/

export function typescriptLoader (): { args: string[], env: Record<string, string> } {
  const loader = process.execArgv.find((arg) => SWC_LOADER.test(arg))
  if (process.env.TAP !== '1' || loader === undefined) return { args: ['--import', 'tsx'], env: {} }
  return { args: ['--enable-source-maps', loader], env: {} }
}
