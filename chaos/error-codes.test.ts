import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { apiError, asApiError } from './api-error.js'
import { CHAOS_ERROR_CODES, type ChaosErrorCode, type ChaosErrorSpec } from './error-codes.js'

/** The README's "Error codes" table: code → status cell ('—' when none). */
function documentedCodes(): Map<string, string> {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
  const start = readme.indexOf('\n## Error codes')
  expect(start, 'chaos/README.md has no "## Error codes" section').toBeGreaterThanOrEqual(0)
  const next = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, next < 0 ? undefined : next)
  const rows = new Map<string, string>()
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) {
    rows.set(match[1] ?? '', (match[2] ?? '').trim())
  }
  return rows
}

const registry = Object.entries(CHAOS_ERROR_CODES) as Array<[ChaosErrorCode, ChaosErrorSpec]>

describe('the chaos error registry', () => {
  it('documents every registered code in chaos/README.md, with its HTTP status', () => {
    const documented = documentedCodes()
    const missing = registry.filter(([code]) => !documented.has(code)).map(([code]) => code)
    expect(missing, 'codes missing from the README table').toEqual([])
    const wrongStatus = registry
      .filter(([code, spec]) => documented.get(code) !== String(spec.status ?? '—'))
      .map(([code, spec]) => `${code}: README ${documented.get(code)}, registry ${spec.status ?? '—'}`)
    expect(wrongStatus).toEqual([])
  })

  it('registers every code the README documents', () => {
    const unknown = [...documentedCodes().keys()].filter((code) => !Object.hasOwn(CHAOS_ERROR_CODES, code))
    expect(unknown, 'codes in the README table but not in error-codes.ts').toEqual([])
  })

  it('builds Toxiproxy’s messages and body, with the code as an extra field', () => {
    expect(apiError('MISSING_FIELD', 'name at proxy 2').toJSON()).toEqual({
      error: 'missing required field: name at proxy 2',
      status: 400,
      code: 'MISSING_FIELD',
    })
    expect(apiError('BODY_TOO_LARGE').toJSON()).toEqual({
      error: 'bad request body: body too large',
      status: 413,
      code: 'BODY_TOO_LARGE',
    })
    expect(asApiError(new Error('boom')).toJSON()).toEqual({
      error: 'boom',
      status: 500,
      code: 'INTERNAL_ERROR',
    })
  })
})
