import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface PackageInfo { name: string, version: string, description: string, license: string }

// The nearest package.json above `from`: the same answer from the TypeScript sources and from dist/,
// which sit at different depths below the package root.
export function readPackageInfo (from: string = import.meta.dirname): PackageInfo {
  let dir = from
  for (;;) {
    const candidate = join(dir, 'package.json')
    let text: string | undefined
    try {
      text = readFileSync(candidate, 'utf8')
    } catch {
      text = undefined
    }
    if (text !== undefined) {
      const pkg = JSON.parse(text) as Partial<PackageInfo>
      return { name: pkg.name ?? 'unknown', version: pkg.version ?? '0.0.0', description: pkg.description ?? '', license: pkg.license ?? 'UNLICENSED' }
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${from}`)
    dir = parent
  }
}
