import { describe, expect, it } from 'vitest'
import { renderedMethodId } from './derived-payment-methods.js'
import { testPaymentMethods } from './test-payment-methods.js'

describe('renderedMethodId', () => {
  it('gives every test token its own id on an intent, and shows anything else as it is', () => {
    const ids = [...testPaymentMethods.keys()].map((token) => renderedMethodId('pi_000001abcdef', token))
    expect(new Set(ids).size).toBe(testPaymentMethods.size)
    for (const id of ids) expect(id).toMatch(/^pm_000001abcdef[A-Za-z0-9]$/)
    expect(renderedMethodId('pi_000001abcdef', 'pm_0000029xyz')).toBe('pm_0000029xyz')
    expect(renderedMethodId('pi_000001abcdef', null)).toBeNull()
  })
})
