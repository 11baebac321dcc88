// How test child processes (the real entry points: server.ts, cli.ts) load TypeScript. Under tap they use
// tap's own loader (its ts-node fork, transpile-only) with source maps, as the test process does: with tsx
// instead, the same source is transpiled differently (tsx strips line breaks), so the child's coverage of a
// file lands on other positions than the parent's and every module the child loads counts its functions
// twice, half of them uncovered. Outside tap, tsx.

const TAP_TYPESCRIPT = /^--import=.*@tapjs[\\/]typescript[\\/]/

export function typescriptLoader (): { args: string[], env: Record<string, string> } {
  const tapLoader = process.execArgv.find((arg) => TAP_TYPESCRIPT.test(arg))
  if (process.env.TAP !== '1' || tapLoader === undefined) return { args: ['--import', 'tsx'], env: {} }
  return { args: ['--enable-source-maps', tapLoader], env: { TS_NODE_TRANSPILE_ONLY: '1' } }
}
