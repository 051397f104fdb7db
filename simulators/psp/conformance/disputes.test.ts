import type Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

const disputed = async (
  payment_method: string,
  amount = 4000,
): Promise<{ pi: Stripe.PaymentIntent; dispute: Stripe.Dispute }> => {
  const pi = await h.stripe.paymentIntents.create({ amount, currency: 'usd', payment_method, confirm: true })
  const list = await h.stripe.disputes.list({ payment_intent: pi.id })
  const dispute = list.data[0]
  if (!dispute) throw new Error(`Failed to find the dispute of ${pi.id}`)
  return { pi, dispute }
}

const eventTypes = async (): Promise<string[]> =>
  (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.type).reverse()

describe('Disputes conformance', () => {
  it('opens a fraudulent chargeback right after the charge: funds and a 15.00 fee withdrawn', async () => {
    const { pi, dispute } = await disputed('pm_card_createDispute')
    expect(dispute).toMatchObject({
      object: 'dispute',
      amount: 4000,
      currency: 'usd',
      charge: pi.latest_charge,
      reason: 'fraudulent',
      status: 'needs_response',
      is_charge_refundable: false,
      evidence_details: { has_evidence: false, submission_count: 0 },
    })
    expect(dispute.balance_transactions).toMatchObject([
      {
        amount: -4000,
        fee: 1500,
        net: -5500,
        type: 'adjustment',
        reporting_category: 'dispute',
        source: dispute.id,
      },
    ])
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true)
    expect(await eventTypes()).toEqual(
      expect.arrayContaining([
        'charge.succeeded',
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
      ]),
    )
    const history = await h.stripe.balanceTransactions.list()
    expect(history.data.map((t) => t.reporting_category)).toEqual(['dispute', 'charge'])
  })

  it('wins with winning_evidence: status won, funds and fee reinstated', async () => {
    const { dispute } = await disputed('pm_card_createDisputeProductNotReceived')
    expect(dispute.reason).toBe('product_not_received')
    const won = await h.stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'winning_evidence', customer_name: 'Jo' },
      metadata: { case: '7' },
    })
    expect(won).toMatchObject({
      status: 'won',
      metadata: { case: '7' },
      evidence: { uncategorized_text: 'winning_evidence', customer_name: 'Jo', receipt: null },
      evidence_details: { has_evidence: true, submission_count: 1, due_by: null },
    })
    expect(won.balance_transactions.map((t) => t.net)).toEqual([-5500, 5500])
    expect(await eventTypes()).toEqual(
      expect.arrayContaining([
        'charge.dispute.funds_reinstated',
        'charge.dispute.closed',
        'charge.dispute.updated',
      ]),
    )
  })

  it('loses with losing_evidence, stages evidence with submit=false, and closes as lost', async () => {
    const a = await disputed('pm_card_createDispute')
    const staged = await h.stripe.disputes.update(a.dispute.id, {
      evidence: { product_description: 'A mug' },
      submit: false,
    })
    expect(staged).toMatchObject({
      status: 'needs_response',
      evidence_details: { submission_count: 0, has_evidence: true },
    })
    const submitted = await h.stripe.disputes.update(a.dispute.id, { evidence: { receipt: 'file_1' } })
    expect(submitted.status).toBe('under_review')
    const lost = await h.stripe.disputes.update(a.dispute.id, {
      evidence: { uncategorized_text: 'losing_evidence' },
    })
    expect(lost).toMatchObject({ status: 'lost' })
    expect(lost.balance_transactions).toHaveLength(1)
    const b = await disputed('pm_card_createDispute', 900)
    const closed = await h.stripe.disputes.close(b.dispute.id)
    expect(closed.status).toBe('lost')
    const again = await rejection(h.stripe.disputes.close(b.dispute.id))
    expect(again).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' })
    const late = await rejection(
      h.stripe.disputes.update(b.dispute.id, { evidence: { uncategorized_text: 'x' } }),
    )
    expect(late?.statusCode).toBe(400)
  })

  it('opens an inquiry without moving money; escalate_inquiry_evidence makes it a chargeback', async () => {
    const { dispute } = await disputed('pm_card_createDisputeInquiry')
    expect(dispute).toMatchObject({
      status: 'warning_needs_response',
      balance_transactions: [],
      is_charge_refundable: true,
    })
    const escalated = await h.stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'escalate_inquiry_evidence' },
    })
    expect(escalated.status).toBe('needs_response')
    expect(escalated.balance_transactions.map((t) => t.amount)).toEqual([-4000])
    const other = await disputed('pm_card_createDisputeInquiry', 700)
    expect((await h.stripe.disputes.close(other.dispute.id)).status).toBe('warning_closed')
  })

  it('sends an early fraud warning event for pm_card_createIssuerFraudRecord, with no dispute', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      payment_method: 'pm_card_createIssuerFraudRecord',
      confirm: true,
    })
    expect((await h.stripe.disputes.list({ payment_intent: pi.id })).data).toEqual([])
    const events = await h.stripe.events.list({ type: 'radar.early_fraud_warning.created' })
    expect(events.data[0]?.data.object).toMatchObject({ charge: pi.latest_charge, actionable: true })
  })

  it('lists, retrieves with expand, and refuses unknown ids and evidence fields', async () => {
    const { pi, dispute } = await disputed('pm_card_createDispute')
    const got = await h.stripe.disputes.retrieve(dispute.id, { expand: ['charge', 'payment_intent'] })
    expect((got.charge as Stripe.Charge).id).toBe(pi.latest_charge)
    expect((got.payment_intent as Stripe.PaymentIntent).id).toBe(pi.id)
    expect((await h.stripe.disputes.list({ charge: pi.latest_charge as string })).data).toHaveLength(1)
    expect(await rejection(h.stripe.disputes.retrieve('dp_nope'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such dispute: 'dp_nope'",
    })
    expect(
      await rejection(
        h.stripe.disputes.update(dispute.id, {
          evidence: { nope: 'x' } as Stripe.DisputeUpdateParams.Evidence,
        }),
      ),
    ).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'evidence[nope]' })
  })
})
