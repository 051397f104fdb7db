import { describe, expect, it } from 'vitest'
import { findOversell } from './oversell.js'

describe('findOversell', () => {
  it('finds nothing when sales stayed within stock', () => {
    const result = findOversell([{ sku: 'a', initialStock: 10, stock: 0, paidQuantity: 10 }])
    expect(result).toEqual({ count: 0, findings: [] })
  })

  it('counts the units sold beyond the stock, per SKU', () => {
    const result = findOversell([
      { sku: 'a', initialStock: 10, stock: 3, paidQuantity: 14 },
      { sku: 'b', initialStock: 5, stock: 5, paidQuantity: 0 },
    ])
    expect(result.count).toBe(4)
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]?.detail).toMatch(/^a: 14 sold .* stock of 10 \(4 oversold/)
  })

  it('counts a stock driven below zero', () => {
    expect(findOversell([{ sku: 'a', initialStock: 10, stock: -2, paidQuantity: 10 }]).count).toBe(2)
  })
})
