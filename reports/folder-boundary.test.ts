import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const reportsDir = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(reportsDir, '..')

/** Every TypeScript file under reports/, generated output excluded. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'out' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** The relative module specifiers a file imports or re-exports, statically or dynamically. */
function relativeImports(text: string): string[] {
  const pattern = /(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']*)'/g
  return [...text.matchAll(pattern)].map((match) => match[1]!)
}

describe('the reports folder', () => {
  it('imports nothing of the other folders but lib/', () => {
    const crossings = sourceFiles(reportsDir).flatMap((file) =>
      relativeImports(readFileSync(file, 'utf8'))
        .map((specifier) => relative(repoRoot, resolve(dirname(file), specifier)))
        .filter((target) => !target.startsWith('reports/') && !target.startsWith('lib/'))
        .map((target) => `${relative(repoRoot, file)} → ${target}`),
    )
    expect(crossings).toEqual([])
  })

  it('finds the imports it checks', () => {
    expect(
      relativeImports(
        "import { a } from './a.js'\nexport type * from '../lib/clock.js'\nawait import('./b.js')",
      ),
    ).toEqual(['./a.js', '../lib/clock.js', './b.js'])
  })
})
