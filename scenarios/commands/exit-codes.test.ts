import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EXIT } from './exit-codes.js'

/** The rows of the README's exit-code table: `| 2 | \`NOT_RUN\` | … |`. */
const documented = new Map(
  [
    ...readFileSync(new URL('./README.md', import.meta.url), 'utf8').matchAll(
      /^\| (\d+) \| `([A-Z_]+)` \|/gm,
    ),
  ].map((m) => [m[2] as string, Number(m[1])]),
)

describe('exit codes', () => {
  it('documents every code the CLI has, with its number', () => {
    for (const [name, code] of Object.entries(EXIT))
      expect(documented.get(name), `README row for ${name}`).toBe(code)
  })

  it('has every code the README documents', () => {
    for (const [name, code] of documented) expect(EXIT[name as keyof typeof EXIT], `EXIT.${name}`).toBe(code)
  })
})
