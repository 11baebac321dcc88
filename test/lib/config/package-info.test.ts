import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'tap'
import { readPackageInfo } from '../../../lib/config/package-info.js'

test('finds the project package.json from the sources', async (t) => {
  const info = readPackageInfo()
  t.equal(info.name, 'acai-assistant')
  t.match(info.version, /^\d+\.\d+\.\d+/)
  t.equal(info.license, 'MIT')
})

test('walks up from a nested directory, as from dist/lib', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'pkg-info-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', version: '1.2.3', description: 'd' }))
  const nested = join(root, 'dist', 'lib')
  mkdirSync(nested, { recursive: true })
  t.same(readPackageInfo(nested), { name: 'x', version: '1.2.3', description: 'd', license: 'UNLICENSED' }, 'no license field: not licensed for use')
})

test('throws when no package.json exists above', async (t) => {
  t.throws(() => readPackageInfo('/'), /no package.json/)
})
