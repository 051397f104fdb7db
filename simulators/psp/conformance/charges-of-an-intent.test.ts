import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

describe('the charges of one intent', () => {
  it('lists a declined attempt and the retry that succeeded, newest first, each retrievable', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' })
    const declined = await rejection(
      h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa_chargeDeclined' }),
    )
    expect(declined?.code).toBe('card_declined')
    const paid = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' })
    const charges = await h.stripe.charges.list({ payment_intent: pi.id })
    expect(charges.data.map((c) => c.status)).toEqual(['succeeded', 'failed'])
    expect(charges.data[0]?.id).toBe(paid.latest_charge)
    for (const charge of charges.data)
      expect((await h.stripe.charges.retrieve(charge.id)).payment_intent).toBe(pi.id)
  })

  it('does not find an intent under a charge id, nor a charge under an intent id', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const asIntent = await rejection(h.stripe.paymentIntents.retrieve(String(pi.latest_charge)))
    expect(asIntent).toMatchObject({ statusCode: 404, code: 'resource_missing' })
    const asCharge = await rejection(h.stripe.charges.retrieve(pi.id))
    expect(asCharge).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })
})
