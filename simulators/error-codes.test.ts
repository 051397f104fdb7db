import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { errorRegistry } from './error-codes.js'

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')

/** The rows of the README table under `### {title}`: code → status, as written. */
function documented(title: string): Map<string, string> {
  const start = readme.indexOf(`### ${title}\n`)
  if (start < 0) throw new Error(`README.md has no "### ${title}" table of error codes`)
  const rest = readme.slice(start + title.length + 5)
  const end = rest.search(/\n#{2,3} /)
  const rows = new Map<string, string>()
  for (const line of (end < 0 ? rest : rest.slice(0, end)).split('\n')) {
    const cells = /^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|/.exec(line)
    if (cells) rows.set(cells[1]!, cells[2]!)
  }
  return rows
}

describe('the simulators error registry and README.md', () => {
  for (const group of errorRegistry) {
    describe(group.title, () => {
      it('documents every registered code with its status', () => {
        const rows = documented(group.title)
        const missing = Object.values(group.codes)
          .filter((entry) => !rows.has(entry.code))
          .map((entry) => entry.code)
        expect(missing, `registered in error-codes.ts but not in README.md under "${group.title}"`).toEqual(
          [],
        )
        for (const entry of Object.values(group.codes))
          expect(rows.get(entry.code), `status of ${entry.code} in README.md`).toBe(String(entry.status))
      })

      it('registers every documented code', () => {
        const unknown = [...documented(group.title).keys()].filter((code) => !(code in group.codes))
        expect(unknown, `documented in README.md under "${group.title}" but not in error-codes.ts`).toEqual(
          [],
        )
      })
    })
  }
})
