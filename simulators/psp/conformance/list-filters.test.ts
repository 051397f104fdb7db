import type Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock, type ManualClock } from '../../../lib/clock.js'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
let clock: ManualClock
const t0 = Date.UTC(2030, 0, 1)
const s0 = t0 / 1000
beforeEach(async () => {
  clock = manualClock(t0)
  h = await startHarness({ clock })
})
afterEach(async () => {
  await h.close()
})

/** Three paid intents one minute apart, each with a customer and a refund. */
async function seed(): Promise<{ intents: Stripe.PaymentIntent[]; customers: Stripe.Customer[] }> {
  const intents: Stripe.PaymentIntent[] = []
  const customers: Stripe.Customer[] = []
  for (let i = 0; i < 3; i++) {
    const c = await h.stripe.customers.create({ email: `c${i}@example.com` })
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      customer: c.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 })
    customers.push(c)
    intents.push(pi)
    clock.advance(60_000)
  }
  return { intents, customers }
}

describe('list filters', () => {
  it('filters every list by created, exact or by range', async () => {
    const { intents, customers } = await seed()
    const range = { gte: s0 + 60, lt: s0 + 180 }
    expect((await h.stripe.paymentIntents.list({ created: range })).data.map((p) => p.id)).toEqual([
      intents[2]!.id,
      intents[1]!.id,
    ])
    expect((await h.stripe.paymentIntents.list({ created: s0 })).data.map((p) => p.id)).toEqual([
      intents[0]!.id,
    ])
    expect((await h.stripe.customers.list({ created: { gt: s0 } })).data.map((c) => c.id)).toEqual([
      customers[2]!.id,
      customers[1]!.id,
    ])
    expect((await h.stripe.charges.list({ created: { lte: s0 } })).data).toHaveLength(1)
    expect((await h.stripe.refunds.list({ created: { gte: s0 + 120 } })).data).toHaveLength(1)
    const events = await h.stripe.events.list({ created: { gte: s0 + 120 }, type: 'refund.created' })
    expect(events.data).toHaveLength(1)
  })

  it('filters customers by email, charges by customer and payment_intent, refunds by charge', async () => {
    const { intents, customers } = await seed()
    expect((await h.stripe.customers.list({ email: 'c1@example.com' })).data.map((c) => c.id)).toEqual([
      customers[1]!.id,
    ])
    const charges = await h.stripe.charges.list({ customer: customers[2]!.id })
    expect(charges.data.map((c) => c.id)).toEqual([intents[2]!.latest_charge])
    expect((await h.stripe.charges.list({ payment_intent: intents[0]!.id })).data).toHaveLength(1)
    const refunds = await h.stripe.refunds.list({ charge: intents[1]!.latest_charge as string })
    expect(refunds.data.map((r) => r.payment_intent)).toEqual([intents[1]!.id])
    expect((await h.stripe.paymentIntents.list({ customer: customers[0]!.id })).data).toHaveLength(1)
  })

  it('pages a filtered list with limit and cursors, newest first', async () => {
    const made: string[] = []
    for (let i = 0; i < 6; i++) {
      made.unshift((await h.stripe.paymentIntents.create({ amount: 100 + i, currency: 'usd' })).id)
      clock.advance(1000)
    }
    const created = { gte: s0 + 1 }
    const first = await h.stripe.paymentIntents.list({ created, limit: 2 })
    expect(first.data.map((p) => p.id)).toEqual(made.slice(0, 2))
    expect(first.has_more).toBe(true)
    const next = await h.stripe.paymentIntents.list({ created, limit: 2, starting_after: made[1]! })
    expect(next.data.map((p) => p.id)).toEqual(made.slice(2, 4))
    const back = await h.stripe.paymentIntents.list({ created, limit: 2, ending_before: made[4]! })
    expect(back.data.map((p) => p.id)).toEqual(made.slice(2, 4))
    const all: string[] = []
    for await (const pi of h.stripe.paymentIntents.list({ created, limit: 2 })) all.push(pi.id)
    expect(all).toEqual(made.slice(0, 5))
  })

  it('refuses bad filter values and combinations', async () => {
    expect(await rejection(h.stripe.paymentIntents.list({ created: { after: 1 } as never }))).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'created[after]',
    })
    expect(await rejection(h.stripe.refunds.list({ created: 'yesterday' as never }))).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'created',
    })
    expect(
      await rejection(h.stripe.events.list({ type: 'charge.succeeded', types: ['charge.failed'] })),
    ).toMatchObject({ statusCode: 400, param: 'types' })
  })
})

describe('Refunds: update and cancel', () => {
  it('updates metadata and refuses to cancel a succeeded card refund', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id, metadata: { a: '1' } })
    const updated = await h.stripe.refunds.update(refund.id, { metadata: { b: '2' } })
    expect(updated.metadata).toEqual({ a: '1', b: '2' })
    expect(await rejection(h.stripe.refunds.update(refund.id, { amount: 5 } as never))).toMatchObject({
      code: 'parameter_unknown',
    })
    const cancel = await rejection(h.stripe.refunds.cancel(refund.id))
    expect(cancel).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' })
    expect(cancel?.message).toMatch(/status of succeeded/)
    expect(await rejection(h.stripe.refunds.cancel('re_nope'))).toMatchObject({ statusCode: 404 })
    expect((await h.stripe.refunds.retrieve(refund.id)).status).toBe('succeeded')
  })
})
