import { describe, expect, it } from 'vitest'
import { money } from '../money.js'
import { DEFAULT_FAIL_OPEN_LIMITS, failOpenCategory } from './fail-open.js'

describe('failOpenCategory', () => {
  it('accepts below the currency limit and holds at or above it', () => {
    expect(failOpenCategory(money(9_999, 'usd'), DEFAULT_FAIL_OPEN_LIMITS)).toBe('accept')
    expect(failOpenCategory(money(10_000, 'usd'), DEFAULT_FAIL_OPEN_LIMITS)).toBe('watch')
    expect(failOpenCategory(money(14_999, 'jpy'), DEFAULT_FAIL_OPEN_LIMITS)).toBe('accept')
  })
})
