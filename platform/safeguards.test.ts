import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IMPLEMENTED_SAFEGUARDS, isImplementedSafeguard, SAFEGUARD_INFO, SAFEGUARDS } from './safeguards.js'

const HERE = import.meta.dirname

/** The platform's production sources (tests and test helpers apart). */
function sources(dir = HERE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Whether some production code reads the switch (`safeguards.x` or `safeguards['x']`). */
function isRead(name: string, code: string): boolean {
  const escaped = name.replace(/[-]/g, '\\-')
  return new RegExp(`safeguards(\\.${escaped}\\b(?!-)|\\['${escaped}'\\])`).test(code)
}

describe('SAFEGUARD_INFO', () => {
  const code = sources()
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')

  it('describes every safeguard', () => {
    expect(Object.keys(SAFEGUARD_INFO).sort()).toEqual([...SAFEGUARDS].sort())
  })

  it('marks implemented exactly the safeguards some production code reads', () => {
    const read = SAFEGUARDS.filter((name) => isRead(name, code))
    expect(IMPLEMENTED_SAFEGUARDS).toEqual(read)
  })

  it('implements every safeguard of the table', () => {
    expect(SAFEGUARDS.filter((name) => !isImplementedSafeguard(name))).toEqual([])
  })
})
