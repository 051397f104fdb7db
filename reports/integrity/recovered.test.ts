import { describe, expect, it } from 'vitest'

import { aRunRecord } from '../testing/run-record-factory.js'
import { checkIntegrity } from './check-integrity.js'

describe('recovered', () => {
  it('counts an indeterminate checkout whose key has a paid order, without failing integrity', () => {
    const record = aRunRecord()
    record.attempts[0]!.outcome = { type: 'info', reason: 'socket hang up' }
    const { integrity } = checkIntegrity(record)
    expect(integrity.recovered).toBe(1)
    expect(integrity.pass).toBe(true)
  })

  it('counts none when no checkout was indeterminate', () => {
    expect(checkIntegrity(aRunRecord()).integrity.recovered).toBe(0)
  })
})
