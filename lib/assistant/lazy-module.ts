import { createRequire } from 'node:module'

// The assistant's two big data sets (gpt-tokenizer's encoding, date-holidays' calendars) take a few
// hundred milliseconds to load. Loaded on first use through their CommonJS builds (synchronously, so the
// code using them stays synchronous), every process that imports the assistant but never replies (the
// CLI, most tests) skips that cost; server.ts loads them before it builds the app (preloadPlaces, preloadTokenizer).
const require = createRequire(import.meta.url)

export function lazyModule<T> (specifier: string): () => T {
  let loaded: T | undefined
  return () => {
    loaded ??= require(specifier) as T
    return loaded
  }
}
