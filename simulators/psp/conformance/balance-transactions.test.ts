import type Stripe from 'stripe'
import { manualClock } from '../../../lib/clock.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

const start = Date.UTC(2026, 0, 5, 15, 30)
const day = 86_400
let h: Harness
let clock: ReturnType<typeof manualClock>
beforeEach(async () => {
  clock = manualClock(start)
  h = await startHarness({ clock })
})
afterEach(async () => {
  await h.close()
})

const paid = (amount: number, payment_method = 'pm_card_visa'): Promise<Stripe.PaymentIntent> =>
  h.stripe.paymentIntents.create({ amount, currency: 'usd', payment_method, confirm: true })

describe('Balance transactions conformance', () => {
  it("derives a captured charge's transaction: 2.9% + 30 fee, available two days later at midnight UTC", async () => {
    const pi = await paid(2000)
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string, {
      expand: ['balance_transaction'],
    })
    const txn = charge.balance_transaction as Stripe.BalanceTransaction
    const midnight = Math.floor(start / 1000 / day) * day
    expect(txn).toMatchObject({
      object: 'balance_transaction',
      amount: 2000,
      fee: 88,
      net: 1912,
      currency: 'usd',
      type: 'charge',
      reporting_category: 'charge',
      source: charge.id,
      status: 'pending',
      available_on: midnight + 2 * day,
      exchange_rate: null,
      fee_details: [
        { amount: 88, currency: 'usd', type: 'stripe_fee', description: 'Stripe processing fees' },
      ],
    })
    clock.advance(2 * day * 1000)
    expect((await h.stripe.balanceTransactions.retrieve(txn.id)).status).toBe('available')
  })

  it('rounds the percentage half up and has no transaction until capture', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1099,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
      confirm: true,
    })
    const before = await h.stripe.charges.retrieve(pi.latest_charge as string)
    expect(before.balance_transaction).toBeNull()
    clock.advance(60_000)
    const captured = await h.stripe.paymentIntents.capture(pi.id, {
      expand: ['latest_charge.balance_transaction'],
    })
    const txn = (captured.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction
    // 1099 × 2.9% = 31.871 → 32, + 30.
    expect(txn).toMatchObject({ amount: 1099, fee: 62, net: 1037, created: start / 1000 + 60 })
  })

  it('gives a refund a negative transaction with no fee, and lists newest first with filters and cursors', async () => {
    const a = await paid(3000)
    const b = await paid(5000)
    const refund = await h.stripe.refunds.create(
      { payment_intent: a.id, amount: 1000 },
      { idempotencyKey: 'bt-refund' },
    )
    const refundTxn = await h.stripe.balanceTransactions.retrieve(refund.balance_transaction as string)
    expect(refundTxn).toMatchObject({ amount: -1000, fee: 0, net: -1000, type: 'refund', source: refund.id })
    const all = await h.stripe.balanceTransactions.list()
    expect(all.data.map((t) => t.source)).toEqual([refund.id, b.latest_charge, a.latest_charge])
    const charges = await h.stripe.balanceTransactions.list({ type: 'charge', limit: 1 })
    expect(charges.data.map((t) => t.source)).toEqual([b.latest_charge])
    expect(charges.has_more).toBe(true)
    const next = await h.stripe.balanceTransactions.list({
      type: 'charge',
      starting_after: charges.data[0]?.id ?? '',
    })
    expect(next.data.map((t) => t.source)).toEqual([a.latest_charge])
    const back = await h.stripe.balanceTransactions.list({ ending_before: next.data[0]?.id ?? '', limit: 1 })
    expect(back.data.map((t) => t.source)).toEqual([b.latest_charge])
    const bySource = await h.stripe.balanceTransactions.list({ source: a.latest_charge as string })
    expect(bySource.data).toHaveLength(1)
    const listed = await h.stripe.refunds.list({ payment_intent: a.id, expand: ['data.balance_transaction'] })
    expect((listed.data[0]?.balance_transaction as Stripe.BalanceTransaction).net).toBe(-1000)
    expect((await h.stripe.balanceTransactions.list({ currency: 'eur' })).data).toEqual([])
    expect((await h.stripe.balanceTransactions.list({ created: { gt: start / 1000 } })).data).toEqual([])
  })

  it('answers the balance: pending until available_on, then available; bypassPending at once', async () => {
    await paid(2000)
    await paid(1000, 'pm_card_bypassPending')
    const balance = await h.stripe.balance.retrieve()
    expect(balance.available).toEqual([{ amount: 1000 - 59, currency: 'usd', source_types: { card: 941 } }])
    expect(balance.pending).toEqual([{ amount: 1912, currency: 'usd', source_types: { card: 1912 } }])
    clock.advance(3 * day * 1000)
    expect((await h.stripe.balance.retrieve()).available[0]?.amount).toBe(941 + 1912)
  })

  it('refuses an unknown id, a payout filter (the simulator makes no payouts) and a bad type', async () => {
    expect(await rejection(h.stripe.balanceTransactions.retrieve('txn_nope'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such balance transaction: 'txn_nope'",
    })
    expect(await rejection(h.stripe.balanceTransactions.list({ payout: 'po_1' }))).toMatchObject({
      statusCode: 404,
      param: 'payout',
    })
    expect(await rejection(h.stripe.balanceTransactions.list({ type: 'nope' as 'charge' }))).toMatchObject({
      statusCode: 400,
      param: 'type',
    })
    expect(
      await rejection(h.stripe.charges.retrieve('ch_x', { expand: ['balance_transaction.source'] })),
    ).toMatchObject({
      statusCode: 400,
      message: 'This property cannot be expanded (balance_transaction.source).',
    })
  })
})
