import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const reportsDir = dirname(fileURLToPath(import.meta.url))

/** Source files the README's table must list: every .ts but tests (the two folder-wide tests included). */
function listedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'out' ? [] : listedFiles(path)
    const folderTest =
      ['folder-boundary.test.ts', 'readme.test.ts'].includes(entry.name) && dir === reportsDir
    return /\.tsx?$/.test(entry.name) && (!/\.test\.tsx?$/.test(entry.name) || folderTest)
      ? [relative(reportsDir, path)]
      : []
  })
}

/** The backticked file names in the first column of the README's table. */
function tableFiles(readme: string): string[] {
  return readme
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!))
}

describe('reports/README.md', () => {
  it('lists every source file of the folder in its table, and no file that is not there', () => {
    const readme = readFileSync(join(reportsDir, 'README.md'), 'utf8')
    expect(tableFiles(readme).sort()).toEqual(listedFiles(reportsDir).sort())
  })
})
