import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../lib/exit-codes.js'

/** The rows of a page's exit-code table: ``| 2 | `NOT_RUN` | … |``. */
const tableOf = (page: URL) =>
  new Map(
    [...readFileSync(page, 'utf8').matchAll(/^\| (\d+) \| `([A-Z_]+)` \|/gm)].map((m) => [
      m[2] as string,
      Number(m[1]),
    ]),
  )

// The folder's README and the CLI contract users read (docs/cli.md) both carry the table.
describe.each([
  ['scenarios/commands/README.md', new URL('./README.md', import.meta.url)],
  ['docs/cli.md', new URL('../../docs/cli.md', import.meta.url)],
])('exit codes in %s', (_, page) => {
  const documented = tableOf(page)

  it('documents every code the CLI has, with its number', () => {
    for (const [name, code] of Object.entries(EXIT))
      expect(documented.get(name), `row for ${name}`).toBe(code)
  })

  it('has every code it documents', () => {
    for (const [name, code] of documented) expect(EXIT[name as keyof typeof EXIT], `EXIT.${name}`).toBe(code)
  })
})
