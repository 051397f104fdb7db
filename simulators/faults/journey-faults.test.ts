import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { formatJourneyBaggage, type JourneyContext } from '../../lib/journey-context.js'
import { createPsp } from '../psp/start-psp.js'

const local = { remoteAddress: '127.0.0.1', bodyTooLarge: false }

/**
 * A fresh PSP with a 25 % lost-response rule, fed creates in the given order; answers the status
 * each journey step got, by `journey/attempt`.
 */
async function play(seed: number, order: JourneyContext[], withBaggage = true): Promise<Map<string, number>> {
  const psp = createPsp({ seed, clock: manualClock(Date.UTC(2026, 0, 1)) })
  const added = await psp.handle(
    new Request('http://psp/__admin/faults', {
      method: 'POST',
      body: JSON.stringify({
        id: 'psp-lost-response',
        match: { method: 'POST', path: '/v1/payment_intents', fraction: 0.25 },
        effect: { type: 'ambiguous-success', then: 'error' },
      }),
    }),
    local,
  )
  expect(added.status).toBe(201)
  const statuses = new Map<string, number>()
  for (const context of order) {
    const response = await psp.handle(
      new Request('http://psp/v1/payment_intents', {
        method: 'POST',
        headers: {
          authorization: 'Bearer sk_test_1',
          'content-type': 'application/x-www-form-urlencoded',
          ...(withBaggage ? { baggage: `other=1,${formatJourneyBaggage(context)}` } : {}),
        },
        body: `amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true&metadata[order_id]=o${context.journey}`,
      }),
      { ...local, remoteAddress: '10.0.0.2' },
    )
    statuses.set(`${context.journey}/${context.attempt}`, response.status)
  }
  return statuses
}

const journeys: JourneyContext[] = Array.from({ length: 120 }, (_, i) => ({
  journey: (i % 60) + 1,
  step: 'psp.create',
  attempt: Math.floor(i / 60) + 1,
}))

describe('vendor fraction faults keyed on the journey (baggage header)', () => {
  it('hits the same journey steps with one seed whatever the arrival order, and others with another seed', async () => {
    const first = await play(7, journeys)
    expect(await play(7, [...journeys].reverse())).toEqual(first)
    const hits = [...first.values()].filter((status) => status === 500).length
    expect(hits).toBeGreaterThan(10)
    expect(hits).toBeLessThan(60)
    expect(await play(8, journeys)).not.toEqual(first)
  })

  it('falls back to the arrival-order stream without baggage, so the order decides who is hit', async () => {
    const inOrder = [...(await play(7, journeys, false)).values()]
    const reversed = [...(await play(7, [...journeys].reverse(), false)).values()]
    // The n-th request gets the n-th draw, whichever journey it belongs to.
    expect(reversed).toEqual(inOrder)
  })
})
