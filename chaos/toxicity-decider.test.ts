import { describe, expect, it } from 'vitest'
import { journeyKey, type JourneyContext } from '../lib/journey-context.js'
import { createRandom, draw } from '../lib/random.js'
import { createToxicityDecider } from './toxicity-decider.js'

const toxic = { name: 'latency_downstream', toxicity: 0.5 }

/** Which journeys a toxic hits when their connections arrive in `order`, one decider per connection. */
function hits(seed: number, order: number[], toxicity = 0.5): number[] {
  const hit: number[] = []
  order.forEach((journey, arrival) => {
    const decider = createToxicityDecider({
      seed,
      proxyName: 'psp',
      journey: { resolved: true, context: { journey, step: 'checkout', attempt: 1 } },
      // The per-connection stream differs with arrival order, and must not matter.
      fallback: createRandom(seed * 1000 + arrival),
    })
    if (decider.decide({ ...toxic, toxicity })) hit.push(journey)
  })
  return hit.sort((a, b) => a - b)
}

const journeys = Array.from({ length: 40 }, (_, i) => i + 1)

describe('createToxicityDecider', () => {
  it('hits the same journeys for one seed, whatever order their connections arrive in', () => {
    const forward = hits(7, journeys)
    expect(hits(7, [...journeys].reverse())).toEqual(forward)
    expect(
      hits(
        7,
        journeys.map((_, i) => journeys[(i * 17) % 40]!),
      ),
    ).toEqual(forward)
    expect(forward.length).toBeGreaterThan(5)
    expect(forward.length).toBeLessThan(35)
  })

  it('hits other journeys with another seed', () => {
    expect(hits(8, journeys)).not.toEqual(hits(7, journeys))
  })

  it('draws draw(seed, proxy, toxic, journeyKey) < toxicity', () => {
    const context: JourneyContext = { journey: 12, step: 'checkout', attempt: 2 }
    const decider = createToxicityDecider({
      seed: 3,
      proxyName: 'psp',
      journey: { resolved: true, context },
      fallback: createRandom(0),
    })
    const value = draw(3, 'psp', toxic.name, journeyKey(context))
    expect(decider.decide({ ...toxic, toxicity: value + 1e-9 })).toBe(true)
    expect(decider.decide({ ...toxic, toxicity: value })).toBe(false)
  })

  it('decides toxicity 1 and 0 at once, without a journey and without a draw', () => {
    const fallback = createRandom(1)
    const decider = createToxicityDecider({
      seed: 1,
      proxyName: 'p',
      journey: { resolved: false, context: undefined },
      fallback,
    })
    expect(decider.decide({ ...toxic, toxicity: 1 })).toBe(true)
    expect(decider.decide({ ...toxic, toxicity: 0 })).toBe(false)
    expect(decider.decide(toxic)).toBeUndefined()
    expect(fallback.next()).toBe(createRandom(1).next())
    expect(hits(7, journeys, 1)).toEqual(journeys)
    expect(hits(7, journeys, 0)).toEqual([])
  })

  it('falls back to the link’s seeded stream without a journey, replaying from its seed', () => {
    const pattern = (seed: number) => {
      const decider = createToxicityDecider({
        seed: 0,
        proxyName: 'p',
        journey: { resolved: true, context: undefined },
        fallback: createRandom(seed),
      })
      return Array.from({ length: 32 }, () => (decider.decide(toxic) ? 'x' : '.')).join('')
    }
    expect(pattern(5)).toBe(pattern(5))
    expect(pattern(5)).toMatch(/x.*\.|\..*x/)
    expect(pattern(6)).not.toBe(pattern(5))
  })
})
