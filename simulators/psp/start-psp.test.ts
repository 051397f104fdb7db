import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LedgerEntry } from './balance/ledger.js'
import { startPsp, type PspServer } from './start-psp.js'

let psp: PspServer
let stripe: Stripe

beforeEach(async () => {
  psp = await startPsp({ port: 0, seed: 11 })
  stripe = new Stripe('sk_test_123', {
    host: '127.0.0.1',
    port: psp.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  })
})
afterEach(async () => {
  await psp.close()
})

const ledger = async (): Promise<LedgerEntry[]> =>
  ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: LedgerEntry[] }).entries

const order = {
  amount: 2500,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  confirm: true,
  metadata: { order_id: 'ord_1', checkout_key: 'chk_1' },
}

describe('startPsp with the official stripe client', () => {
  it('creates and confirms an intent and records authorisation and capture in the ledger', async () => {
    const pi = await stripe.paymentIntents.create(order, { idempotencyKey: 'key-1' })
    expect(pi.status).toBe('succeeded')
    expect(pi.amount_received).toBe(2500)
    expect(pi.latest_charge).toMatch(/^ch_/)
    const entries = await ledger()
    expect(entries.map((e) => e.type)).toEqual(['authorization', 'capture'])
    expect(entries[1]).toMatchObject({
      paymentIntentId: pi.id,
      amount: 2500,
      currency: 'usd',
      idempotencyKey: 'key-1',
      metadata: { order_id: 'ord_1', checkout_key: 'chk_1' },
    })
    expect(new Date(entries[0]?.createdAt ?? '').toISOString()).toBe(entries[0]?.createdAt)
  })

  it('replays a request with the same idempotency key without creating anything', async () => {
    const first = await stripe.paymentIntents.create(order, { idempotencyKey: 'key-2' })
    const second = await stripe.paymentIntents.create(order, { idempotencyKey: 'key-2' })
    expect(second.id).toBe(first.id)
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect((await ledger()).filter((e) => e.type === 'capture')).toHaveLength(1)
  })

  it('refuses the same key with different parameters with an idempotency_error', async () => {
    await stripe.paymentIntents.create(order, { idempotencyKey: 'key-3' })
    const error = await stripe.paymentIntents
      .create({ ...order, amount: 9999 }, { idempotencyKey: 'key-3' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect((error as Stripe.errors.StripeError).statusCode).toBe(400)
  })

  it('declines a declining test card with a 402 card_error and lets the intent be confirmed again', async () => {
    const error = await stripe.paymentIntents
      .create(
        { ...order, payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds' },
        { idempotencyKey: 'key-4' },
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError)
    const card = error as Stripe.errors.StripeCardError
    expect(card.statusCode).toBe(402)
    expect(card.code).toBe('card_declined')
    expect(card.decline_code).toBe('insufficient_funds')
    const id = card.payment_intent?.id ?? ''
    expect((await stripe.paymentIntents.retrieve(id)).status).toBe('requires_payment_method')
    expect(await ledger()).toHaveLength(0)
    const confirmed = await stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' })
    expect(confirmed.status).toBe('succeeded')
  })

  it('answers 409 to a request whose key is still in flight', async () => {
    await fetch(`${psp.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { method: 'POST', path: '/v1/payment_intents' },
        schedule: { times: 1 },
        effect: { type: 'latency', distribution: { type: 'fixed', ms: 400 } },
      }),
    })
    const first = stripe.paymentIntents.create(order, { idempotencyKey: 'key-5' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const second = await stripe.paymentIntents
      .create(order, { idempotencyKey: 'key-5' })
      .catch((e: unknown) => e as Stripe.errors.StripeError)
    expect((second as Stripe.errors.StripeError).statusCode).toBe(409)
    expect((await first).status).toBe('succeeded')
  })

  it('answers with a Request-Id and echoes the Stripe-Version it was sent', async () => {
    const pi = await stripe.paymentIntents.create(order, {
      idempotencyKey: 'key-v',
      apiVersion: '2024-06-20',
    })
    expect(pi.lastResponse.requestId).toMatch(/^req_/)
    expect(pi.lastResponse.headers['stripe-version']).toBe('2024-06-20')
    expect(pi.lastResponse.headers['idempotency-key']).toBe('key-v')
  })

  it('refuses a request without a valid secret key with a 401', async () => {
    const bad = new Stripe('pk_test_nope', {
      host: '127.0.0.1',
      port: psp.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    })
    const error = await bad.paymentIntents.create(order).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
  })
})

describe('idempotent replays', () => {
  it('replay the response as first saved, even after the intent changed', async () => {
    const manual = { ...order, capture_method: 'manual' as const }
    const first = await stripe.paymentIntents.create(manual, { idempotencyKey: 'snap-1' })
    expect(first.status).toBe('requires_capture')
    await stripe.paymentIntents.capture(first.id, { amount_to_capture: 1000 })
    const replay = await stripe.paymentIntents.create(manual, { idempotencyKey: 'snap-1' })
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(replay).toMatchObject({
      id: first.id,
      status: 'requires_capture',
      amount_capturable: 2500,
      amount_received: 0,
    })
    expect((await stripe.paymentIntents.retrieve(first.id)).status).toBe('succeeded')
  })

  it('replay a saved decline with its 402', async () => {
    const declined = { ...order, payment_method: 'pm_card_visa_chargeDeclined' }
    const a = await stripe.paymentIntents
      .create(declined, { idempotencyKey: 'snap-2' })
      .catch((e: unknown) => e)
    const b = await stripe.paymentIntents
      .create(declined, { idempotencyKey: 'snap-2' })
      .catch((e: unknown) => e)
    expect((b as Stripe.errors.StripeCardError).statusCode).toBe(402)
    expect((b as Stripe.errors.StripeCardError).payment_intent?.id).toBe(
      (a as Stripe.errors.StripeCardError).payment_intent?.id,
    )
    expect((b as Stripe.errors.StripeCardError).headers?.['idempotent-replayed']).toBe('true')
  })
})
