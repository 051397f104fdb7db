import { describe, expect, it } from 'vitest'

import { INTEGRITY_CHECKS, IntegritySchema } from './integrity-schema.js'

describe('IntegritySchema', () => {
  it('has one field per integrity check, in the contract’s order, then pass and skipped', () => {
    expect(Object.keys(IntegritySchema.properties)).toEqual([...INTEGRITY_CHECKS, 'pass', 'skipped'])
  })

  it('requires only pass: a check that did not run leaves its count absent', () => {
    expect(IntegritySchema.required).toEqual(['pass'])
  })
})
