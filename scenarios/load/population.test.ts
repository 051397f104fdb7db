import { describe, expect, it } from 'vitest'
import { createArrivalDraws, createPopulation, shopperOf } from './population.js'

const population = { size: 1_000, impatient: 0.2, impatientAfterMs: 800, freshKeyRetry: 0.1 }

describe('createArrivalDraws', () => {
  it('replays the same kinds and shoppers from the same seed', () => {
    const draw = (seed: number) => {
      const draws = createArrivalDraws(seed, { browse: 6, view: 3, checkout: 1 }, 1_000)
      return Array.from({ length: 200 }, () => draws.next())
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
  })

  it('draws kinds in proportion to their weights and shoppers across the population', () => {
    const draws = createArrivalDraws(42, { browse: 6, view: 3, checkout: 1 }, 1_000)
    const counts: Record<string, number> = {}
    const shoppers = new Set<number>()
    for (let i = 0; i < 10_000; i++) {
      const { kind, shopperId } = draws.next()
      counts[kind] = (counts[kind] ?? 0) + 1
      shoppers.add(shopperId)
    }
    expect(Math.min(...shoppers)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...shoppers)).toBeLessThan(1_000)
    expect(counts.browse! / 10_000).toBeCloseTo(0.6, 1)
    expect(counts.view! / 10_000).toBeCloseTo(0.3, 1)
    expect(counts.checkout! / 10_000).toBeCloseTo(0.1, 1)
    expect(shoppers.size).toBeGreaterThan(990)
  })

  it('never draws a kind of weight 0', () => {
    const draws = createArrivalDraws(1, { checkout: 1, refund: 0 }, 10)
    for (let i = 0; i < 1_000; i++) expect(draws.next().kind).toBe('checkout')
  })
})

describe('shopperOf', () => {
  it('gives each shopper a behaviour that depends on the seed and their id alone', () => {
    expect(shopperOf(7, 42, population)).toEqual(shopperOf(7, 42, population))
    expect(createPopulation(7, population).shopper(42)).toEqual(shopperOf(7, 42, population))
    const shoppers = Array.from({ length: 10_000 }, (_, id) => shopperOf(7, id, population))
    const share = (f: (s: (typeof shoppers)[number]) => boolean) =>
      shoppers.filter(f).length / shoppers.length
    expect(share((s) => s.impatient)).toBeCloseTo(0.2, 1)
    expect(share((s) => s.freshKeyRetry)).toBeCloseTo(0.1, 1)
    expect(shoppers.every((s) => s.impatientAfterMs === 800)).toBe(true)
    const other = Array.from({ length: 100 }, (_, id) => shopperOf(8, id, population))
    expect(other).not.toEqual(shoppers.slice(0, 100))
  })

  it('makes every shopper patient when the population says so', () => {
    const patient = { ...population, impatient: 0, freshKeyRetry: 0 }
    for (let id = 0; id < 100; id++)
      expect(shopperOf(3, id, patient)).toMatchObject({ impatient: false, freshKeyRetry: false })
  })
})
