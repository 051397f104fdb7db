import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

const raw = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${h.psp.url}/v1/payment_intents`, {
    method: 'POST',
    body,
    headers: {
      authorization: 'Bearer sk_test_123',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
  })

interface ErrorBody {
  error: { type: string; param?: string; code?: string }
}

describe('bad input', () => {
  it.each([
    ['a negative amount', { amount: -5 }, 'amount'],
    ['a fractional amount', { amount: 10.5 }, 'amount'],
    ['an amount below the minimum', { amount: 10 }, 'amount'],
    ['an amount too large', { amount: 1e12 }, 'amount'],
    ['an unknown currency', { currency: 'xyz' }, 'currency'],
    ['an unknown parameter', { colour: 'red' }, 'colour'],
    ['a wrong type', { confirm: 'maybe' }, 'confirm'],
    ['a hash where a string belongs', { description: { a: 'b' } }, 'description'],
    ['a bad capture method', { capture_method: 'later' }, 'capture_method'],
  ])('refuses %s with a Stripe 400 naming the parameter', async (_label, override, param) => {
    const params = {
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      ...override,
    }
    const error = await rejection(
      h.stripe.paymentIntents.create(params as Stripe.PaymentIntentCreateParams, {
        idempotencyKey: `bad-${param}`,
      }),
    )
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error).toMatchObject({ statusCode: 400, param })
    expect(await h.ledger()).toEqual([])
    // Validation failures save nothing: the same key then works with good parameters.
    const ok = await h.stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true },
      { idempotencyKey: `bad-${param}` },
    )
    expect(ok.lastResponse.headers['idempotent-replayed']).toBeUndefined()
    expect(ok.status).toBe('succeeded')
  })

  it('refuses missing required parameters and an unknown payment method', async () => {
    expect(
      await rejection(
        h.stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams),
      ),
    ).toMatchObject({ param: 'amount', code: 'parameter_missing' })
    expect(
      await rejection(h.stripe.paymentIntents.create({ amount: 100, currency: 'usd', confirm: true })),
    ).toMatchObject({ param: 'payment_method' })
    expect(
      await rejection(
        h.stripe.paymentIntents.create({
          amount: 100,
          currency: 'usd',
          payment_method: 'pm_nope',
          confirm: true,
        }),
      ),
    ).toMatchObject({ statusCode: 404, param: 'payment_method' })
    expect(await h.ledger()).toEqual([])
  })

  it('answers malformed and oversized bodies with 400s and stays up', async () => {
    const malformed = await raw('amount=%E0%A4%A&currency=usd')
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as ErrorBody).error.type).toBe('invalid_request_error')
    const nested = await raw('metadata=x&metadata[a]=b&amount=100&currency=usd')
    expect(((await nested.json()) as ErrorBody).error.param).toBe('metadata')
    const huge = await raw(`amount=100&currency=usd&description=${'x'.repeat(2_000_000)}`)
    expect(huge.status).toBe(400)
    const deep = await raw('metadata[a][b][c][d][e][f]=1')
    expect(deep.status).toBe(400)
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' })
    expect(pi.status).toBe('requires_payment_method')
    expect(await h.ledger()).toEqual([])
  })

  it('answers a missing or wrong API key with a 401 and a request id', async () => {
    const res = await fetch(`${h.psp.url}/v1/payment_intents`)
    expect(res.status).toBe(401)
    expect(res.headers.get('request-id')).toMatch(/^req_/)
    const wrong = await raw('amount=100&currency=usd', { authorization: 'Bearer rk_live_x' })
    expect(wrong.status).toBe(401)
  })

  it('refuses an idempotency key longer than 255 characters', async () => {
    const res = await raw('amount=1000&currency=usd', { 'idempotency-key': 'k'.repeat(256) })
    expect(res.status).toBe(400)
  })

  it('answers unknown routes with a Stripe-shaped 404', async () => {
    const res = await fetch(`${h.psp.url}/v1/nothing`, { headers: { authorization: 'Bearer sk_test_1' } })
    expect(res.status).toBe(404)
    expect(((await res.json()) as ErrorBody).error.type).toBe('invalid_request_error')
  })
})
